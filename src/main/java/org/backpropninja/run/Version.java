package org.backpropninja.run;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The project's version, from the pom (a resource the build filters), or "unknown" outside a build. */
public final class Version {

    private Version() {
    }

    /** For example "0.1.0-SNAPSHOT". */
    public static String project() {
        try (InputStream in = Version.class.getResourceAsStream("/org/backpropninja/version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "unknown");
            return v.startsWith("${") ? "unknown" : v;
        } catch (IOException e) {
            return "unknown";
        }
    }
}
