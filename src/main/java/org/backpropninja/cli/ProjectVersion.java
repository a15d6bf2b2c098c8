package org.backpropninja.cli;

import org.backpropninja.run.Version;
import picocli.CommandLine.IVersionProvider;

/** What {@code --version} prints: the project's version, then the JVM it runs on. */
public final class ProjectVersion implements IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {
            "backprop-ninja " + Version.project(),
            "JVM: " + System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.name") + " "
                    + System.getProperty("java.vm.version")
        };
    }
}
