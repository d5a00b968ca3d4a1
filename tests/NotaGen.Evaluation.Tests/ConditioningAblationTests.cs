using NotaGen.Evaluation.Runner;
using NotaGen.Modeling;
using NotaGen.Modeling.Configuration;
using NotaGen.Music.NotaGenFormat;
using NotaGen.Testing;
using Xunit;

namespace NotaGen.Evaluation.Tests;

/// <summary>The conditioning ablation over two tiny random models, one prompted by text and one by its style tables.</summary>
public sealed class ConditioningAblationTests
{
    private const string Prompt = "Baroque/Bach, Johann Sebastian/Keyboard";

    private static NotaGenModel Micro(StyleConditioning style) =>
        NotaGenModel.Create(TinyModels.Config with
        {
            Style = style,
            Styles = StyleVocabulary.Create(["Baroque"], ["Bach, Johann Sebastian"], ["Keyboard"]),
        }, seed: 1);

    private static readonly ConditionedModel[] Models =
    [
        new("text", () => Micro(new StyleConditioning { PromptLines = true }), ValidationLoss: 2.5),
        new("tables", () => Micro(new StyleConditioning { PromptLines = false, Embeddings = true, AttentionBias = true })),
    ];

    private static readonly AblationPlan Plan = new([new StylePrompt("Baroque", "Bach, Johann Sebastian", "Keyboard")], SamplesPerCell: 2, Seed: 3, MaxPatches: 5);

    [Fact]
    public void Every_model_gets_rows_named_by_its_conditioning_and_a_rerun_resumes()
    {
        using var temp = new TempDirectory();
        var cells = AblationGrid.Parse("temperature=1.2");
        var log = new List<string>();
        var results = new ConditioningAblationRunner(new SampleEvaluator(), log.Add).Run(Models, cells, Plan, temp.Path);

        Assert.Equal(["text", "tables"], results.Select(r => r.Model.Name));
        Assert.Equal(["prompt_lines", "embeddings+attention_bias"], results.Select(r => r.Conditioning));
        var rows = File.ReadAllLines(temp.File("results.csv"));
        Assert.StartsWith("model,conditioning,validation_loss,cell,order,top_k,top_p,temperature,prompt,samples,finished,parses", rows[0], StringComparison.Ordinal);
        Assert.Equal(3, rows.Length); // header + 2 models × 1 cell × 1 prompt
        var text = AblationRunner.CsvRow(rows[1]);
        var tables = AblationRunner.CsvRow(rows[2]);
        Assert.Equal(["text", "prompt_lines", "2.5", "k9-p0.9-t1.2-notagen"], text.Take(4));
        Assert.Equal(["tables", "embeddings+attention_bias", "", "k9-p0.9-t1.2-notagen"], tables.Take(4));
        Assert.All([text, tables], row => Assert.Equal((Prompt, "2"), (row[8], row[9])));

        // A model trained without prompt lines is prompted without them; the other writes them first.
        var cell = Path.Combine("cells", cells[0].Key, "baroque-bach-johann-sebastian-keyboard-0.abc");
        Assert.Null(PromptLines.Read(File.ReadAllText(Path.Combine(temp.File("models/tables"), cell))));
        Assert.Equal(new StylePrompt("Baroque", "Bach, Johann Sebastian", "Keyboard"), PromptLines.Read(File.ReadAllText(Path.Combine(temp.File("models/text"), cell))));

        var piece = temp.File("models/tables/" + cell);
        var written = File.ReadAllText(piece);
        Directory.Delete(temp.File("models/tables/cells"), recursive: true);
        log.Clear();
        new ConditioningAblationRunner(new SampleEvaluator(), log.Add).Run(Models, cells, Plan, temp.Path);
        Assert.Contains($"text/{cells[0].Key}: done before, skipped", log);
        Assert.DoesNotContain($"tables/{cells[0].Key}: done before, skipped", log);
        Assert.Equal(written, File.ReadAllText(piece));
        Assert.Equal(rows, File.ReadAllLines(temp.File("results.csv")));
    }

    [Fact]
    public void Model_names_must_be_distinct_folder_names()
    {
        using var temp = new TempDirectory();
        var cells = AblationGrid.Parse("temperature=1.2");
        var runner = new ConditioningAblationRunner(new SampleEvaluator());
        var twice = Assert.Throws<ArgumentException>(() => runner.Run([Models[0], Models[0] with { Name = "TEXT" }], cells, Plan, temp.Path));
        Assert.Contains("two models are named", twice.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => runner.Run([Models[0] with { Name = "../up" }], cells, Plan, temp.Path));
        Assert.Equal("none", ConditioningAblationRunner.Describe(new StyleConditioning { PromptLines = false }));
        Assert.Equal("prompt_lines+embeddings+adapters+attention_bias",
            ConditioningAblationRunner.Describe(new StyleConditioning { Embeddings = true, Adapters = true, AttentionBias = true }));
    }
}
