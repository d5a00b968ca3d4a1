using System.Text.Json.Nodes;
using NotaGen.Testing;
using Xunit;

namespace NotaGen.Cli.Tests;

/// <summary><c>notagen model import / export --format notagen-pth</c> as a user runs them.</summary>
public sealed class ModelImportCommandTests
{
    private static string Fixture(string name) => SharedData.Require(Path.Combine("testdata", "notagen-pth", name));

    [Fact]
    public void Import_with_verify_writes_a_model_directory_whose_card_names_the_source_and_its_sha256()
    {
        using var temp = new TempDirectory();
        var result = Notagen.Run(temp.Path, "model", "import", Fixture("tiny-train.pth"), "--out", "tiny",
            "--verify", Fixture("tiny-train.reference.json"));
        Assert.True(result.ExitCode == 0, result.StandardError);
        Assert.Contains("char_logits", result.StandardOutput);
        Assert.True(File.Exists(temp.File("tiny/config.json")) && File.Exists(temp.File("tiny/model.safetensors")));
        var sha = ExternalTool.Run(ExternalTool.Require("sha256sum", "coreutils"), [Fixture("tiny-train.pth")], temp.Path, TimeSpan.FromMinutes(1));
        var card = File.ReadAllText(temp.File("tiny/README.md"));
        Assert.Contains("`tiny-train.pth`", card);
        Assert.Contains($"`{sha.StandardOutput.Split(' ')[0]}`", card);

        // The imported directory is a model like any other: generate takes it. Its weights are random, so the piece
        // does not parse (exit 1 says so), but it is written and summarised.
        var generated = Notagen.Run(temp.Path, "generate", "--model", "tiny", "--period", "Romantic", "--composer", "Schubert, Franz",
            "--instrumentation", "Art Song", "--bars", "1", "--out", "gen");
        Assert.Contains("1 piece(s)", generated.StandardOutput);
        Assert.True(File.Exists(temp.File("gen/generation.json")), generated.StandardError);
    }

    [Fact]
    public void Import_fails_with_the_differences_and_writes_nothing_when_the_reference_disagrees()
    {
        using var temp = new TempDirectory();
        var reference = JsonNode.Parse(File.ReadAllText(Fixture("tiny-train.reference.json")))!;
        reference["loss"] = reference["loss"]!.GetValue<double>() + 0.01;
        File.WriteAllText(temp.File("off.reference.json"), reference.ToJsonString());
        var result = Notagen.Run(temp.Path, "model", "import", Fixture("tiny-train.pth"), "--out", "tiny", "--verify", "off.reference.json");
        Assert.Equal(1, result.ExitCode);
        Assert.Matches(@"loss\s+max \|Δ\| = 1\.00E-002", result.StandardOutput);
        Assert.Contains("loss", result.StandardError);
        Assert.False(Directory.Exists(temp.File("tiny")));
        Assert.Equal(["off.reference.json"], Directory.EnumerateFileSystemEntries(temp.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void A_truncated_checkpoint_is_refused_naming_the_file_and_nothing_is_written()
    {
        using var temp = new TempDirectory();
        var bytes = File.ReadAllBytes(Fixture("mini-bf16-bare.pth"));
        File.WriteAllBytes(temp.File("cut.pth"), bytes[..(bytes.Length - 1000)]);
        var result = Notagen.Run(temp.Path, "model", "import", "cut.pth", "--out", "cut");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("cut.pth", result.StandardError);
        Assert.Equal(["cut.pth"], Directory.EnumerateFileSystemEntries(temp.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Exporting_a_model_with_style_conditioning_as_notagen_pth_is_refused()
    {
        using var temp = new TempDirectory();
        var model = Path.Combine(RepositoryRoot.Require(), "data", "models", "default");
        var result = Notagen.Run(temp.Path, "model", "export", model, "--format", "notagen-pth", "--out", "x.pth");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("style embeddings", result.StandardError);
        Assert.False(File.Exists(temp.File("x.pth")));
    }

    [Fact]
    public void Merging_a_style_refuses_an_attention_bias_and_a_malformed_label_and_writes_nothing()
    {
        using var temp = new TempDirectory();
        // The bundled model has style embeddings (foldable) and a style attention bias (not foldable).
        var model = Path.Combine(RepositoryRoot.Require(), "data", "models", "default");
        var biased = Notagen.Run(temp.Path, "model", "export", model, "--format", "notagen-pth", "--merge-style", "Romantic/other/Chamber", "--out", "x.pth");
        Assert.Equal(1, biased.ExitCode);
        Assert.Contains("style attention bias", biased.StandardError);
        var malformed = Notagen.Run(temp.Path, "model", "export", model, "--format", "notagen-pth", "--merge-style", "Romantic", "--out", "x.pth");
        Assert.Equal(1, malformed.ExitCode);
        Assert.Contains("PERIOD/COMPOSER/INSTRUMENTATION", malformed.StandardError);
        var unknown = Notagen.Run(temp.Path, "model", "export", model, "--format", "notagen-pth", "--merge-style", "Romantik/other/Chamber", "--out", "x.pth");
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("\"Romantik\" is not in the model's vocabulary", unknown.StandardError);
        Assert.False(File.Exists(temp.File("x.pth")));
    }

    [Fact]
    public void An_imported_model_exports_to_a_file_that_imports_to_the_same_weights()
    {
        using var temp = new TempDirectory();
        Assert.Equal(0, Notagen.Run(temp.Path, "model", "import", Fixture("mini-bf16-bare.pth"), "--out", "a").ExitCode);
        var export = Notagen.Run(temp.Path, "model", "export", "a", "--format", "notagen-pth", "--out", "a.pth");
        Assert.True(export.ExitCode == 0, export.StandardError);
        Assert.Equal(0, Notagen.Run(temp.Path, "model", "import", "a.pth", "--out", "b").ExitCode);
        Assert.Equal(File.ReadAllBytes(temp.File("a/model.safetensors")), File.ReadAllBytes(temp.File("b/model.safetensors")));
    }
}
