package io.muster.config;

import java.lang.management.ManagementFactory;

/** The machine's physical memory, for the local pool's default limit. */
final class MachineMemory {

    private MachineMemory() {
    }

    static long totalBytes() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize();
        }
        return 4L << 30;
    }
}
