package io.muster.scheduler.sge;

import io.muster.options.Directive;
import io.muster.options.Keyword;
import io.muster.options.OptionColumn;
import io.muster.scheduler.GridBackend;
import io.muster.scheduler.GridDialect;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Grid Engine in the registry of backends: {@link SgeDialect} with its settings {@code sge.pe}
 * (the parallel environment {@code cores} asks for) and {@code sge.memory} ({@code h_vmem} or
 * {@code mem_free}), its option forms ({@link SgeOptions}), and detection: {@code SGE_ROOT} set
 * and {@code qconf -sql} answering.
 */
public final class SgeBackend implements GridBackend {

    @Override
    public String name() {
        return "sge";
    }

    @Override
    public String title() {
        return "Grid Engine";
    }

    @Override
    public Map<String, Setting> ownSettings() {
        Map<String, Setting> own = new LinkedHashMap<>();
        own.put("pe", new Setting(SgeDialect.DEFAULT_PE, "the parallel environment cores above 1 ask for (-pe PE N)"));
        own.put("memory", new Setting("h_vmem", "the complex mem sets, per slot: h_vmem (a hard limit) or mem_free"));
        return own;
    }

    @Override
    public GridDialect dialect(Map<String, String> own) {
        return new SgeDialect(ZoneId.systemDefault(), pe(own), memory(own));
    }

    @Override
    public Directive form(Keyword keyword, Map<String, String> own) {
        return new OptionColumn(title(), SgeOptions.column(pe(own), memory(own))).form(keyword);
    }

    /** Its clients need SGE_ROOT; without it no Grid Engine command works. */
    @Override
    public boolean plausible(Map<String, String> environment) {
        String root = environment.get("SGE_ROOT");
        return root != null && !root.isBlank();
    }

    private static String pe(Map<String, String> own) {
        String pe = own.getOrDefault("pe", SgeDialect.DEFAULT_PE);
        if (!pe.matches("[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("setting sge.pe must be a parallel environment's name, was '" + pe + "'");
        }
        return pe;
    }

    private static SgeDialect.MemoryResource memory(Map<String, String> own) {
        try {
            return SgeDialect.MemoryResource.of(own.getOrDefault("memory", "h_vmem"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("setting sge.memory " + e.getMessage());
        }
    }
}
