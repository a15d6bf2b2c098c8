package org.backpropninja.bench;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The machine line Bench prints names the processor, the processor count, the vector extension and the JVM. */
class MachineInfoTest {

    @Test
    void theMachineLineNamesProcessorCountVectorExtensionAndJvm() {
        String line = MachineInfo.describe();
        int cores = Runtime.getRuntime().availableProcessors();
        assertTrue(line.startsWith("machine: " + MachineInfo.processor() + ", " + cores + " processor"), line);
        assertTrue(line.contains(MachineInfo.vectorExtension()), line);
        assertTrue(line.endsWith(System.getProperty("java.vm.version")), line);
        assertTrue(line.contains("JVM: " + System.getProperty("java.vm.vendor")), line);
    }

    @Test
    void theProcessorAndVectorExtensionAreNeverBlank() {
        assertFalse(MachineInfo.processor().isBlank());
        assertFalse(MachineInfo.vectorExtension().isBlank());
        if (System.getProperty("os.arch").matches("amd64|x86_64")) {
            assertTrue(MachineInfo.vectorExtension().contains("UseAVX="), MachineInfo.vectorExtension());
        }
    }
}
