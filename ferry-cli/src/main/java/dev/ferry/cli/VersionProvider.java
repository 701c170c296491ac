package dev.ferry.cli;

import picocli.CommandLine;

/** Reports the version Maven wrote into the jar manifest. */
final class VersionProvider implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = FerryCli.class.getPackage().getImplementationVersion();
        return new String[] {"ferry " + (version == null ? "development build" : version)};
    }
}
