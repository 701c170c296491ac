package dev.ferry.cdc;

import java.lang.management.ManagementFactory;
import java.util.Set;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Whether Debezium's streaming source is connected to the change log, read from the metrics MBean the
 * connector registers. Ferry's own snapshot may only start once it is: from then on every change
 * committed at the source reaches Ferry, so nothing falls between the snapshot and the stream.
 */
final class StreamReadiness {

    private final ObjectName pattern;

    StreamReadiness(String topicPrefix) {
        try {
            pattern = new ObjectName("debezium.*:type=connector-metrics,context=streaming,server=" + topicPrefix
                    + ",*");
        } catch (javax.management.MalformedObjectNameException e) {
            throw new IllegalArgumentException("bad topic prefix " + topicPrefix, e);
        }
    }

    boolean connected() {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        Set<ObjectName> names = server.queryNames(pattern, null);
        for (ObjectName name : names) {
            try {
                if (Boolean.TRUE.equals(server.getAttribute(name, "Connected"))) {
                    return true;
                }
            } catch (javax.management.JMException e) {
                // the connector is (re)registering its metrics; ask again
            }
        }
        return false;
    }
}
