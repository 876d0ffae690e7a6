package io.muster.cli;

import io.muster.api.Violation;
import io.muster.config.ConfigFile;
import io.muster.config.ConfigLoader;
import io.muster.config.MusterConfig;
import io.muster.options.Keyword;
import io.muster.options.Keywords;
import io.muster.options.OptionResolver;
import io.muster.options.Profile;
import io.muster.options.Profiles;
import io.muster.options.Resolution;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code muster profile ...}: the {@code [profiles.NAME]} tables of muster.toml. Values are
 * checked as a submission's would be and written normalised and typed (cores = 4, mem = 4096,
 * exclusive = true), so they read back as what they are.
 */
@Command(name = "profile", mixinStandardHelpOptions = true,
        description = "List, show and edit profiles (named option defaults) in muster.toml.",
        subcommands = {ProfileCommand.ListProfiles.class, ProfileCommand.Show.class, ProfileCommand.Add.class,
                ProfileCommand.Update.class, ProfileCommand.RemoveOption.class, ProfileCommand.Delete.class})
class ProfileCommand implements Callable<Integer> {

    /** {@code --url} given before the subcommand: {@code muster profile --url U …}. */
    @picocli.CommandLine.Mixin
    ClientOptions client;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    /** What every subcommand shares: the file, the loaded profiles, output. */
    abstract static class Base extends ConfigFileCommand {
        MusterConfig load() {
            return ConfigLoader.load(config.path(), System.getenv(), false);
        }

        Profiles profiles() {
            return Profiles.from(load());
        }

        static String table(String name) {
            return "profiles." + name;
        }

        /**
         * After an edit of {@code file}: gives its profiles to the server at --url, so that jobs
         * submitted from now on use them. No server there is no error: a server reads the file
         * when it starts. Returns the exit status.
         */
        int tellServer(java.nio.file.Path file) {
            Map<String, Map<String, Object>> tables = ConfigLoader.load(file, System.getenv(), false).profiles();
            String url = client.url();
            try (io.muster.client.Muster muster = client.connect()) {
                muster.useProfiles(tables);
                out().println("the server at " + url + " uses these profiles now (it reads its own configuration"
                        + " file again when it starts)");
                out().flush();
                return 0;
            } catch (io.muster.client.MusterUnavailableException e) {
                out().println("no server answers at " + url + "; a server reads " + file + " when it starts"
                        + " (if it is its configuration file)");
                out().flush();
                return 0;
            } catch (io.muster.client.MusterException e) {
                return fail("written to " + file + ", but the server at " + url + " did not take it: " + e.getMessage());
            }
        }
    }

    @Command(name = "list", description = "Every profile, DEFAULT first, with its own values.")
    static class ListProfiles extends Base {
        @Override
        public Integer call() {
            for (Profile p : profiles().all()) {
                out().println(p.name() + "  (" + origin(p.origin()) + ")  " + inline(p.own()));
            }
            out().flush();
            return 0;
        }
    }

    @Command(name = "show", description = "One profile: its own values, then what a job starts from (DEFAULT inherited).")
    static class Show extends Base {
        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            Profiles profiles = profiles();
            var profile = profiles.find(name);
            if (profile.isEmpty()) {
                return fail("profile " + Violation.show(name) + " " + profiles.unknown(name));
            }
            Profile p = profile.get();
            out().println("[" + table(p.name()) + "]  # " + origin(p.origin()));
            p.own().forEach((k, v) -> out().println(k + " = " + ConfigFile.format(v)));
            if (!p.name().equals(Profiles.DEFAULT)) {
                out().println();
                out().println("# with DEFAULT inherited, a job starts from:");
                p.effective().forEach((k, v) -> out().println("# " + k + " = " + ConfigFile.format(v)));
            }
            out().flush();
            return 0;
        }
    }

    /** add and update: parse NAME k=v..., check, write. */
    abstract static class Edit extends Base {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Parameters(index = "1..*", arity = "1..*", paramLabel = "OPTION=VALUE",
                description = "catalogue options (synonyms allowed), e.g. cores=4 mem=16GB")
        List<String> assignments;

        abstract boolean creating();

        @Override
        public Integer call() {
            Logs.configure(true); // no validator start-up lines on a command's stderr
            MusterConfig loaded = load();
            Profiles before = Profiles.from(loaded);
            if (creating() && before.exists(name)) {
                return fail("profile " + name + " exists already; change it with: muster profile update " + name
                        + " OPTION=VALUE");
            }
            if (!creating() && !before.exists(name)) {
                return fail("profile " + Violation.show(name) + " " + before.unknown(name)
                        + "; create it with: muster profile add " + name + " OPTION=VALUE");
            }
            Map<String, Object> values = new LinkedHashMap<>();
            // the assignment that gave each option, so that a second one (by name or synonym) is named
            // beside the first instead of silently replacing it, as submit refuses it too
            Map<String, String> givenAs = new LinkedHashMap<>();
            List<String> problems = new java.util.ArrayList<>();
            for (String assignment : assignments) {
                int eq = assignment.indexOf('=');
                if (eq <= 0) {
                    problems.add(Violation.show(assignment) + " is not OPTION=VALUE");
                    continue;
                }
                String option = assignment.substring(0, eq).trim();
                String text = assignment.substring(eq + 1);
                var keyword = Keywords.find(option);
                if (keyword.isEmpty()) {
                    problems.add(option + " is an unknown option" + Keywords.closest(option)
                            .map(k -> "; did you mean " + k + "?").orElse(""));
                    continue;
                }
                String first = givenAs.putIfAbsent(keyword.get().name(), assignment);
                if (first != null) {
                    problems.add("option " + keyword.get().name() + " is given twice, as " + Violation.show(first)
                            + " and as " + Violation.show(assignment) + "; give it once");
                    continue;
                }
                var refused = Keywords.refusal(keyword.get().name());
                if (refused.isPresent()) {
                    problems.add(keyword.get().name() + " " + Violation.show(text) + " " + refused.get());
                    continue;
                }
                try {
                    values.put(keyword.get().name(), keyword.get().kind().normalise(text));
                } catch (IllegalArgumentException e) {
                    problems.add(keyword.get().name() + " " + Violation.show(text) + " " + e.getMessage());
                }
            }
            if (!problems.isEmpty()) {
                // every bad value at once, as a submission's violations are
                problems.forEach(p -> spec.commandLine().getErr().println("muster: " + p));
                return fail("profile " + name + " not saved: " + problems.size() + " bad "
                        + (problems.size() == 1 ? "value" : "values"));
            }
            Map<String, Map<String, Object>> tables = new LinkedHashMap<>(loaded.profiles());
            Map<String, Object> table = new LinkedHashMap<>(tables.getOrDefault(name, Map.of()));
            table.putAll(values);
            tables.put(name, table);
            Profiles after;
            try {
                after = Profiles.of(tables);
            } catch (IllegalArgumentException e) {
                return fail(e.getMessage());
            }
            // paths (runpath, outfile, errfile) are the server's to check, by its own work root, when it
            // is given the profiles below or reads this file: this machine's work root may not be its
            Resolution check = new OptionResolver(after, loaded.workRoot()).resolve(Map.of(), name);
            List<Violation> problems2 = check.violations().stream().filter(v -> Keywords.find(v.option())
                    .map(k -> k.kind() != Keyword.Kind.PATH && k.kind() != Keyword.Kind.DIRECTORY).orElse(true)).toList();
            if (!problems2.isEmpty()) {
                problems2.forEach(v -> spec.commandLine().getErr().println("muster: " + v.message()));
                return fail("profile " + name + " not saved: a job using it would be rejected");
            }
            ConfigFile file = ConfigFile.open(config.path());
            values.forEach((k, v) -> file.set(table(name), k, v));
            file.save();
            out().println((creating() ? "added" : "updated") + " profile " + name + " in " + file.path() + ": "
                    + inline(values));
            out().flush();
            return tellServer(file.path());
        }
    }

    @Command(name = "add", description = "Create a profile: muster profile add NAME cores=4 mem=16GB ...")
    static class Add extends Edit {
        @Override
        boolean creating() {
            return true;
        }
    }

    @Command(name = "update", description = "Change or add options of a profile (built-in ones too).")
    static class Update extends Edit {
        @Override
        boolean creating() {
            return false;
        }
    }

    @Command(name = "remove-option", description = "Remove one option from a profile's table in muster.toml.")
    static class RemoveOption extends Base {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Parameters(index = "1", paramLabel = "OPTION")
        String option;

        @Override
        public Integer call() {
            String canonical = Keywords.find(option).map(Keyword::name).orElse(option);
            ConfigFile file = ConfigFile.open(config.path());
            boolean removed = file.remove(table(name), canonical) || !canonical.equals(option)
                    && file.remove(table(name), option);
            if (!removed) {
                if (Profiles.builtInValues(name).containsKey(canonical)) {
                    return fail(canonical + " of profile " + name + " is built in; give it another value with:"
                            + " muster profile update " + name + " " + canonical + "=VALUE");
                }
                return fail("profile " + name + " has no " + canonical + " in " + file.path());
            }
            file.save();
            out().println("removed " + canonical + " from profile " + name + " in " + file.path());
            out().flush();
            return tellServer(file.path());
        }
    }

    @Command(name = "delete", description = "Delete a profile; for a built-in one (DEFAULT too) this resets it.")
    static class Delete extends Base {
        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            ConfigFile file = ConfigFile.open(config.path());
            boolean removed = file.removeSection(table(name));
            if (!removed) {
                if (Profiles.isBuiltIn(name)) {
                    out().println("profile " + name + " is built in and has no changes in " + file.path()
                            + "; nothing to reset");
                    out().flush();
                    return 0;
                }
                return fail("profile " + Violation.show(name) + " " + Profiles.from(load()).unknown(name));
            }
            file.save();
            out().println(Profiles.isBuiltIn(name) ? "reset profile " + name + " to its built-in values in " + file.path()
                    : "deleted profile " + name + " from " + file.path());
            out().flush();
            return tellServer(file.path());
        }
    }

    static String origin(Profile.Origin origin) {
        return switch (origin) {
            case BUILT_IN -> "built in";
            case CONFIGURED -> "configured";
            case BUILT_IN_AND_CONFIGURED -> "built in, changed";
        };
    }

    static String inline(Map<String, Object> values) {
        StringBuilder s = new StringBuilder();
        values.forEach((k, v) -> s.append(s.isEmpty() ? "" : " ").append(k).append('=').append(ConfigFile.format(v)));
        return s.toString();
    }
}
