package io.coachmatch.training.cli;

import io.coachmatch.core.artifact.ArtifactException;
import io.coachmatch.core.artifact.Manifest;
import io.coachmatch.core.artifact.ModelRegistry;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code list}: the registry as a table, with each version's provenance, test metrics and whether it verifies. */
@Command(
        name = "list",
        mixinStandardHelpOptions = true,
        description =
                "The registry as a table: versions, aliases, provenance, test metrics and whether each version verifies.")
public final class ListCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    RegistryOption registry;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ModelRegistry reg = registry.open();
        Map<String, List<String>> aliases = reg.aliasesByVersion();
        Table t = new Table(
                "VERSION",
                "ALIASES",
                "CREATED",
                "ALGORITHM",
                "PARENT",
                "BLEND",
                "NDCG@10 RULES",
                "NDCG@10 BLEND",
                "GAIN",
                "STATUS");
        for (String v : reg.versions()) {
            String alias = String.join(",", aliases.getOrDefault(v, List.of()));
            try {
                Manifest m = reg.load(v).manifest();
                double rules = m.metric("rules", "ndcg_at_10");
                double blend = m.metric("blend", "ndcg_at_10");
                t.row(
                        v,
                        alias.isEmpty() ? "-" : alias,
                        m.createdAt(),
                        m.algorithm(),
                        m.parent(),
                        m.blendWeight(),
                        rules,
                        blend,
                        String.format("%+.1f%%", 100 * (blend / rules - 1)),
                        "ok");
            } catch (ArtifactException e) {
                t.row(
                        v,
                        alias.isEmpty() ? "-" : alias,
                        "-",
                        "-",
                        "-",
                        "-",
                        "-",
                        "-",
                        "-",
                        "INVALID: " + e.getMessage());
            }
        }
        t.print(out);
        out.println(reg.versions().size() + " versions in " + reg.directory());
        return 0;
    }
}
