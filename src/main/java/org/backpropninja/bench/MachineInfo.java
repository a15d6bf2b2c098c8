package org.backpropninja.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One line naming the machine and the JVM a benchmark ran on, so that every figure can name its
 * machine: the processor model (from /proc/cpuinfo where it exists, else the OS architecture), the
 * processors the JVM sees, the vector extension its JIT compiler uses (HotSpot's UseAVX on x86,
 * UseSVE on ARM, read through the diagnostic bean without any flag), whether the kernels split
 * their rows between two threads, and the JVM's vendor and version.
 */
final class MachineInfo {

    private MachineInfo() {
    }

    /** For example {@code machine: AMD EPYC, 2 processors, AVX-512 (UseAVX=3); ...}. */
    static String describe() {
        int cores = Runtime.getRuntime().availableProcessors();
        boolean split = cores >= 2 && !"false".equals(System.getProperty("backpropninja.split"));
        return "machine: " + processor() + ", " + cores + (cores == 1 ? " processor, " : " processors, ")
                + vectorExtension() + "; kernels " + (split ? "split over two threads" : "on one thread")
                + "; JVM: " + System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.name")
                + " " + System.getProperty("java.vm.version");
    }

    static String processor() {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        try {
            if (Files.isReadable(cpuinfo)) {
                List<String> lines = Files.readAllLines(cpuinfo);
                for (String key : List.of("model name", "Model", "Hardware", "cpu model")) {
                    for (String line : lines) {
                        int colon = line.indexOf(':');
                        if (colon > 0 && line.substring(0, colon).trim().equals(key)
                                && !line.substring(colon + 1).isBlank()) {
                            return line.substring(colon + 1).trim();
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through: the architecture still names something
        }
        return "unknown processor (" + System.getProperty("os.arch") + ")";
    }

    static String vectorExtension() {
        Optional<String> avx = hotSpotOption("UseAVX");
        if (avx.isPresent()) {
            String level = switch (avx.get()) {
                case "0" -> "SSE only";
                case "1" -> "AVX";
                case "2" -> "AVX2";
                case "3" -> "AVX-512";
                default -> "AVX level " + avx.get();
            };
            return level + " (UseAVX=" + avx.get() + ", MaxVectorSize "
                    + hotSpotOption("MaxVectorSize").orElse("?") + ")";
        }
        Optional<String> sve = hotSpotOption("UseSVE");
        if (sve.isPresent()) {
            return (sve.get().equals("0") ? "NEON" : "SVE" + (sve.get().equals("1") ? "" : sve.get()))
                    + " (UseSVE=" + sve.get() + ")";
        }
        return "vector extension unknown (" + System.getProperty("os.arch") + ")";
    }

    private static Optional<String> hotSpotOption(String name) {
        try {
            return Optional.of(ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class)
                    .getVMOption(name).getValue());
        } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
            return Optional.empty();          // not HotSpot, or not this architecture's option
        }
    }
}
