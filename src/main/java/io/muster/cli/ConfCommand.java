package io.muster.cli;

import io.muster.config.ConfigFile;
import io.muster.config.ConfigLoader;
import io.muster.config.MusterConfig;
import io.muster.config.Setting;
import io.muster.config.Settings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code muster conf show|set|init}: Muster's settings file. */
@Command(name = "conf", mixinStandardHelpOptions = true,
        description = "Show and edit Muster's settings (muster.toml).",
        subcommands = {ConfCommand.Show.class, ConfCommand.Set.class, ConfCommand.Init.class})
class ConfCommand implements Callable<Integer> {

    /** {@code --url} given before the subcommand: {@code muster conf --url U …}. */
    @picocli.CommandLine.Mixin
    ClientOptions client;

    /** The commented example shipped in the jar: every setting with its default. */
    static final String EXAMPLE = "server-config/muster.toml";

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    abstract static class Base extends ConfigFileCommand {
    }

    @Command(name = "show", description = "Every setting with its value and where it comes from (default, file, env).")
    static class Show extends Base {
        @Parameters(paramLabel = "SECTION[.KEY]", arity = "0..1", description = "only this section or setting")
        String only;

        @Override
        public Integer call() {
            MusterConfig loaded = ConfigLoader.load(config.path(), System.getenv(), config.explicit());
            out().println("# " + (loaded.source().file() != null ? loaded.source().file()
                    : config.path() + " (not there: defaults and environment only)"));
            boolean any = false;
            for (Setting s : Settings.all()) {
                if (only != null && !s.id().equals(only) && !s.section().equals(only)) {
                    continue;
                }
                any = true;
                Object value = Settings.value(loaded, s);
                // TOML has no null: an unset setting shows as a comment, as the example file writes it
                out().println((value == null ? "# " + s.id() + " is not set" : s.id() + " = " + ConfigFile.format(value))
                        + "  # " + loaded.source().origin(s.id()));
            }
            for (var section : ConfigLoader.backendSections().entrySet()) {
                String backend = section.getKey();
                for (String key : section.getValue()) {
                    String id = backend + "." + key;
                    if (only != null && !id.equals(only) && !backend.equals(only)) {
                        continue;
                    }
                    any = true;
                    out().println(backendLine(loaded, backend, key));
                }
            }
            if (!any) {
                return fail(only + " is not a setting or section" + Settings.closest(only)
                        .map(id -> "; did you mean " + id + "?").orElse(""));
            }
            if (only == null) {
                out().println("# profiles: see muster profile list");
            }
            out().flush();
            return 0;
        }

        /** A backend's setting as the server reads it: the environment, else the file, else its default. */
        private static String backendLine(MusterConfig loaded, String backend, String key) {
            String id = backend + "." + key;
            String origin = loaded.source().origin(id);
            String set = loaded.grids().own(backend, key, null);
            String value = set != null ? set : ConfigLoader.backendDefault(backend, key);
            if (value == null) {
                return "# " + id + " is not set" + ("bin_dir".equals(key) ? " (its commands are found on the PATH)" : "")
                        + "  # " + origin;
            }
            return id + " = " + ConfigFile.format(value) + "  # " + origin;
        }
    }

    @Command(name = "set", description = "Write one setting: muster conf set broker.port 61617")
    static class Set extends Base {
        @Parameters(index = "0", paramLabel = "SECTION.KEY")
        String id;

        @Parameters(index = "1", paramLabel = "VALUE")
        String value;

        @Override
        public Integer call() {
            if (id.startsWith("profiles.")) {
                return fail("profiles are edited with: muster profile update NAME OPTION=VALUE");
            }
            int dot = id.indexOf('.');
            var backendKeys = dot < 0 ? null : ConfigLoader.backendSections().get(id.substring(0, dot));
            if (backendKeys != null) {
                return setBackend(id.substring(0, dot), id.substring(dot + 1), backendKeys);
            }
            var setting = Settings.find(id);
            if (setting.isEmpty()) {
                return fail(id + " is not a setting" + Settings.closest(id).map(s -> "; did you mean " + s + "?")
                        .orElse("") + " (muster conf show lists them)");
            }
            Object typed;
            try {
                typed = setting.get().fromText(value, System.getenv());
            } catch (IllegalArgumentException e) {
                return fail(id + " " + e.getMessage());
            }
            ConfigFile file = ConfigFile.open(config.path());
            file.set(setting.get().section(), setting.get().key(), typed);
            file.save();
            out().println("set " + id + " = " + ConfigFile.format(typed) + " in " + file.path());
            out().flush();
            return 0;
        }

        /** A cluster backend's setting ({@code sge.pe}), written as text in its {@code [sge]} section. */
        private int setBackend(String backend, String key, java.util.List<String> keys) {
            if (!keys.contains(key)) {
                return fail(id + " is not a setting; [" + backend + "] has " + String.join(", ", keys));
            }
            String text = value.trim();
            try {
                ConfigLoader.checkBackendValue(backend, key, text);
            } catch (IllegalArgumentException e) {
                return fail(id + " " + e.getMessage());
            }
            ConfigFile file = ConfigFile.open(config.path());
            file.set(backend, key, text);
            file.save();
            out().println("set " + id + " = " + ConfigFile.format(text) + " in " + file.path());
            out().flush();
            return 0;
        }
    }

    @Command(name = "init", description = "Write the commented example (every setting, with its default).")
    static class Init extends Base {
        @Option(names = "--force", description = "replace an existing file")
        boolean force;

        @Override
        public Integer call() throws IOException {
            ConfigFile file = ConfigFile.open(config.path());
            if (file.existed() && !force) {
                return fail(file.path() + " exists already; use --force to replace it");
            }
            file.replace(example());
            file.save();
            out().println("wrote " + file.path());
            out().flush();
            return 0;
        }
    }

    static String example() throws IOException {
        try (InputStream in = ConfCommand.class.getClassLoader().getResourceAsStream(EXAMPLE)) {
            if (in == null) {
                throw new IOException(EXAMPLE + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
