package io.muster.options;

import static io.muster.options.OptionsBuilder.golden;
import static io.muster.options.OptionsBuilder.options;
import static org.assertj.core.api.Assertions.assertThat;

import io.muster.scheduler.local.LocalOptions;
import io.muster.scheduler.slurm.SlurmOptions;
import io.muster.scheduler.torque.TorqueOptions;
import java.util.List;
import org.junit.jupiter.api.Test;

class RenderingTest {

    private final OptionResolver resolver = new OptionResolver();

    private JobOptions resolved(OptionsBuilder given) {
        Resolution r = resolver.resolve(given.build());
        assertThat(r.violations()).isEmpty();
        return r.options();
    }

    private static List<String> slurm(JobOptions options) {
        return SlurmOptions.COLUMN.arguments(options);
    }

    private static List<String> torque(JobOptions options) {
        return TorqueOptions.COLUMN.arguments(options);
    }

    private static List<String> sge(JobOptions options) {
        return io.muster.scheduler.sge.SgeOptions.render(options, "smp",
                io.muster.scheduler.sge.SgeDialect.MemoryResource.H_VMEM).arguments();
    }

    /** Regression: export=ALL on Torque was -v ALL, which passes a variable named ALL. */
    @Test
    void rendersExportAllAsTorquesDashCapitalV() {
        // given export=ALL, NONE, and ALL with a variable
        JobOptions all = resolved(options().with("export", "ALL"));
        JobOptions none = resolved(options().with("export", "NONE"));
        JobOptions allAndOne = resolved(options().with("export", "ALL,OMP_NUM_THREADS=4"));

        // when Torque and Grid Engine write them, then ALL is -V, NONE nothing, variables -v
        for (var column : List.<java.util.function.Function<JobOptions, List<String>>>of(RenderingTest::torque,
                RenderingTest::sge)) {
            assertThat(column.apply(all)).contains("-V").noneMatch(a -> a.startsWith("-v"));
            assertThat(column.apply(none)).noneMatch(a -> a.startsWith("-v") || a.equals("-V"));
            assertThat(column.apply(allAndOne)).contains("-V", "-v OMP_NUM_THREADS=4");
        }
        // and Slurm reads ALL and NONE itself, in capitals
        assertThat(slurm(resolved(options().with("export", "all")))).contains("--export=ALL");
        assertThat(slurm(none)).contains("--export=NONE");
    }

    @Test
    void rendersTheGoldenExampleForTorque() {
        assertThat(torque(resolved(golden()))).containsExactlyInAnyOrder(
                "-A richguy", "-l mem=2000MB", "-l nodes=2:ppn=5:bigmem", "-l walltime=00:00:20",
                "-q large", "-v PATH");
    }

    /** outfile and errfile are the wrapper's to write: no scheduler's own output option would get the job's output. */
    @Test
    void givesNoSchedulerOutfileOrErrfile() {
        JobOptions o = resolved(golden());
        assertThat(slurm(o)).noneMatch(a -> a.startsWith("--output") || a.startsWith("--error"));
        assertThat(torque(o)).noneMatch(a -> a.startsWith("-o") || a.startsWith("-e"));
        assertThat(sge(o)).noneMatch(a -> a.startsWith("-o") || a.startsWith("-e"));
        assertThat(io.muster.backends.Backends.warnings("local", o)).noneMatch(w -> w.contains("outfile"));
    }

    /** Regression: -t 1 became --time=00:00:01, which Slurm silently made one minute. */
    @Test
    void roundsASlurmTimeUpToWholeMinutesAndWarns() {
        // given a one-second limit, and one of whole minutes
        JobOptions second = resolved(options().with("time", "1"));
        JobOptions minutes = resolved(options().with("time", "00:05:00"));

        // when Slurm renders them, then the limit is written as Slurm keeps it, and a warning says so
        assertThat(slurm(second)).contains("--time=00:01:00");
        assertThat(SlurmOptions.COLUMN.render(second).warnings()).singleElement()
                .satisfies(w -> assertThat(w).contains("time=00:00:01").contains("whole minutes").contains("00:01:00"));
        assertThat(SlurmOptions.COLUMN.render(minutes).warnings()).isEmpty();
        assertThat(io.muster.backends.Backends.warnings("slurm", second)).isNotEmpty();
        assertThat(io.muster.backends.Backends.warnings("local", second)).isEmpty();
    }

    @Test
    void rendersTheGoldenExampleForSlurm() {
        assertThat(slurm(resolved(golden()))).containsExactlyInAnyOrder(
                "--account=richguy", "--constraint=bigmem", "--cpus-per-task=5", "--ntasks=2", "--export=PATH",
                "--mem=2000", "--time=00:01:00", "--partition=large");
    }

    @Test
    void rendersTheDefaultProfileWhenNothingIsGiven() {
        assertThat(slurm(resolved(options()))).containsExactly(
                "--cpus-per-task=1", "--ntasks=1", "--mem=4000", "--time=04:00:00");
        assertThat(torque(resolved(options()))).containsExactly(
                "-l nodes=1:ppn=1", "-l mem=4000MB", "-l walltime=04:00:00");
    }

    @Test
    void joinsSeveralFeaturesWithAmpersandForSlurmAndColonsForTorque() {
        JobOptions o = resolved(options().with("features", "a,b"));
        assertThat(slurm(o)).contains("--constraint=a&b");
        assertThat(torque(o)).contains("-l nodes=1:ppn=1:a:b");
    }

    @Test
    void addsQosToTorquesNodesLine() {
        JobOptions o = resolved(options().with("qos", "high").with("cores", 4));
        assertThat(torque(o)).contains("-l nodes=1:ppn=4,qos=high");
        assertThat(slurm(o)).contains("--qos=high");
    }

    @Test
    void rendersWhatASlurmOrPbsUserExpectsBeyondFyrd() {
        JobOptions o = resolved(options().with("gpus", 2).with("array", "1-10%2").with("mail", "me@x.org")
                .with("requeue", false).with("exclusive", true).with("extra", List.of("--gres=tmp:10G"))
                .with("begin", "2030-01-02T03:04").with("runpath", "/data/run"));
        assertThat(slurm(o)).contains("--gpus=2", "--array=1-10%2", "--mail-user=me@x.org",
                "--mail-type=END,FAIL", "--no-requeue", "--exclusive", "--gres=tmp:10G", "--begin=2030-01-02T03:04:00");
        assertThat(torque(o)).contains("-l ngpus=2", "-t 1-10%2", "-M me@x.org", "-m ae", "-r n", "-n",
                "--gres=tmp:10G", "-a 203001020304.00");
        // the wrapper changes to the runpath on every backend: no scheduler is given it
        assertThat(slurm(o)).noneMatch(a -> a.contains("/data/run"));
        assertThat(torque(o)).noneMatch(a -> a.contains("/data/run"));
    }

    @Test
    void leavesDependenciesAndTheNameToTheAdapters() {
        JobOptions o = resolved(options().with("depends", "123").with("name", "align"));
        assertThat(slurm(o)).noneMatch(a -> a.contains("123") || a.contains("align"));
        assertThat(torque(o)).noneMatch(a -> a.contains("123") || a.contains("align"));
    }

    @Test
    void leavesOutAnExclusiveThatIsFalse() {
        assertThat(slurm(resolved(options().with("exclusive", false)))).doesNotContain("--exclusive");
    }

    @Test
    void rendersArrayStepAsTorqueIndexList() {
        // given an array with a step, which Torque's -t has no form for
        JobOptions o = resolved(options().with("array", "0-4:2"));

        // when Torque renders it, then it is the list of its indices, run as an array, no warning
        assertThat(torque(o)).contains("-t 0,2,4");
        assertThat(TorqueOptions.COLUMN.render(o).warnings()).isEmpty();
        assertThat(slurm(o)).contains("--array=0-4:2");
    }

    @Test
    void rendersEveryArrayFormTorqueTakesAsGivenAndWritesOutOnlyTheSteps() {
        assertThat(torque(resolved(options().with("array", "1-10")))).contains("-t 1-10");
        assertThat(torque(resolved(options().with("array", "1,3,5")))).contains("-t 1,3,5");
        assertThat(torque(resolved(options().with("array", "1-100%5")))).contains("-t 1-100%5");
        assertThat(torque(resolved(options().with("array", "1-3,10-16:3%2")))).contains("-t 1-3,10,13,16%2");
    }

    @Test
    void warnsAboutEveryOptionTheLocalPoolIgnores() {
        // nodes > 1 is no warning: the local pool refuses it (LocalScheduler.check)
        JobOptions o = resolved(options().with("partition", "large").with("nodes", 2).with("exclusive", false)
                .with("modules", "bwa"));
        assertThat(LocalOptions.COLUMN.render(o).warnings()).singleElement()
                .satisfies(w -> assertThat(w).startsWith("partition=large: the local pool cannot express it"));
    }

    @Test
    void warnsAboutNothingForAPlainLocalJob() {
        assertThat(LocalOptions.COLUMN.render(resolved(options().with("cores", 2))).warnings()).isEmpty();
    }

    @Test
    void rendersTheSameFromTheStoredNormalisedOptions() {
        JobOptions o = resolved(golden());
        JobOptions stored = JobOptions.fromNormalised(o.normalised());
        assertThat(torque(stored)).isEqualTo(torque(o));
        assertThat(slurm(stored)).isEqualTo(slurm(o));
    }

    @Test
    void writesModuleLinesInTheGivenOrder() {
        assertThat(Rendering.moduleLines(resolved(options().with("modules", "b;a")))).containsExactly(
                "module load b", "module load a");
    }
}
