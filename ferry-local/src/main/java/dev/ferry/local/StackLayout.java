package dev.ferry.local;

import java.nio.file.Path;

/** Where each service of a local stack keeps its files, under one state directory. */
public record StackLayout(Path stateDir) {

    public StackLayout {
        stateDir = stateDir.toAbsolutePath().normalize();
    }

    public Path serviceDir(String service) {
        return stateDir.resolve(service);
    }

    public Path passwordFile(String service) {
        return stateDir.resolve("secrets").resolve(service + ".password");
    }

    public Path logDir(String service) {
        return serviceDir(service).resolve("log");
    }
}
