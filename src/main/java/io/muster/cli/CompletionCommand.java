package io.muster.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code muster completion}: prints the bash/zsh completion script for every command and option. */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {"Print a bash (and zsh) completion script for muster. Load it with",
                "  source <(muster completion)",
                "where 'muster' runs the jar, e.g. alias muster='java -jar /path/to/muster.jar'.",
                "In zsh, first: autoload -U +X compinit && compinit; autoload -U +X bashcompinit && bashcompinit"})
class CompletionCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(AutoComplete.bash("muster", spec.root().commandLine()));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
