using NotaGen.Evaluation.Runner;
using NotaGen.Evaluation.Statistics;
using NotaGen.Generation;
using NotaGen.Generation.Constraints;
using NotaGen.Generation.Sampling;
using NotaGen.Music.NotaGenFormat;
using NotaGen.Testing;
using Xunit;

namespace NotaGen.Evaluation.Tests;

public sealed class RunnerTests
{
    [Fact]
    public void The_grid_is_every_combination_and_missing_axes_take_notagens_defaults()
    {
        var cells = AblationGrid.Parse("top_k=5,9;temperature=0.8,1.2,2.2;order=notagen,temperature-first");
        Assert.Equal(2 * 3 * 2, cells.Count);
        Assert.All(cells, c => Assert.Equal(0.9, c.Sampling.TopP));
        Assert.Equal(12, cells.Select(c => c.Key).Distinct().Count());
        Assert.Contains(cells, c => c.Key == "k5-p0.9-t2.2-temperature-first" && c.Sampling.Order == SamplingOrder.TemperatureFirst);
        Assert.Equal(SamplingOrder.TemperatureFirst, AblationGrid.Parse("order=logits-first").Single().Sampling.Order);
        Assert.Throws<ArgumentException>(() => AblationGrid.Parse("order=softmax-first"));
        Assert.Throws<ArgumentException>(() => AblationGrid.Parse("top_q=1"));
        Assert.Throws<ArgumentOutOfRangeException>(() => AblationGrid.Parse("top_p=1.5"));
    }

    [Fact]
    public void Parallel_jobs_write_the_same_bytes_as_one_job_and_the_order_axis_reaches_the_sampler()
    {
        using var model = TinyModels.Create();
        using var temp = new TempDirectory();
        var cells = AblationGrid.Parse("top_k=20;top_p=0.5;temperature=0.3;order=notagen,temperature-first");
        var plan = new AblationPlan([new StylePrompt("Baroque", "Bach, Johann Sebastian", "Keyboard"), new StylePrompt("Romantic", "Chopin, Frederic", "Keyboard")], 3, Seed: 11, MaxPatches: 6);
        new AblationRunner(model, new SampleEvaluator()).Run(cells, plan, temp.File("one"));
        new AblationRunner(model, new SampleEvaluator()) { Jobs = 3 }.Run(cells, plan, temp.File("three"));

        var files = Directory.EnumerateFiles(temp.File("one"), "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(temp.File("one"), f)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(2 * (2 * 3 + 2) + 1, files.Count); // per cell: 6 pieces, metrics.csv, done; and results.csv
        Assert.Equal(files, Directory.EnumerateFiles(temp.File("three"), "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(temp.File("three"), f)).Order(StringComparer.Ordinal));
        foreach (var file in files)
            Assert.True(File.ReadAllBytes(Path.Combine(temp.File("one"), file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(temp.File("three"), file))), file);

        // The temperature-first cell's piece is what the generator writes with that order and the piece's seed, and
        // not what NotaGen's order writes from the same seed.
        var cell = cells.Single(c => c.Sampling.Order == SamplingOrder.TemperatureFirst);
        var prompt = "Romantic/Chopin, Frederic/Keyboard";
        var request = PieceRequest.ForStyle(new StylePrompt("Romantic", "Chopin, Frederic", "Keyboard"));
        string Generate(SamplingOrder order) => new PieceGenerator(model).Generate(request, new GenerationOptions
        {
            Sampling = cell.Sampling with { Order = order },
            Seed = AblationRunner.SeedFor(11, cell.Key, prompt, 2),
            MaxPatches = 6,
        }).RawText;
        var written = File.ReadAllText(Path.Combine(temp.File("one"), "cells", cell.Key, "romantic-chopin-frederic-keyboard-2.abc"));
        Assert.Equal(Generate(SamplingOrder.TemperatureFirst), written);
        Assert.NotEqual(Generate(SamplingOrder.NotaGen), written);
        var results = File.ReadAllLines(temp.File("one/results.csv"));
        Assert.Contains(results, row => row.StartsWith(cell.Key + ",temperature-first,20,0.5,0.3,", StringComparison.Ordinal));
    }

    [Fact]
    public void A_constraint_axis_adds_a_key_suffix_and_a_grid_without_it_keeps_todays_keys()
    {
        var plain = AblationGrid.Parse("top_k=5,9");
        Assert.All(plain, c => Assert.Null(c.Constraint));
        Assert.Equal(["k5-p0.9-t1.2-notagen", "k9-p0.9-t1.2-notagen"], plain.Select(c => c.Key));
        Assert.Equal(plain.Select(c => c.Key), plain.Select(c => c.SamplingKey));

        var cells = AblationGrid.Parse("constraint=none,structure;temperature=0.8,1.2");
        Assert.Equal(4, cells.Count);
        Assert.Equal(["k9-p0.9-t0.8-notagen-none", "k9-p0.9-t0.8-notagen-structure", "k9-p0.9-t1.2-notagen-none", "k9-p0.9-t1.2-notagen-structure"],
            cells.Select(c => c.Key));
        Assert.Equal([ConstraintLevel.None, ConstraintLevel.Structure], cells.Take(2).Select(c => c.Constraint));
        Assert.Equal("k9-p0.9-t0.8-notagen", cells[1].SamplingKey);
        Assert.Equal(ConstraintLevel.Syntax, AblationGrid.Parse("constraint=syntax").Single().Constraint);
        var error = Assert.Throws<ArgumentException>(() => AblationGrid.Parse("constraint=strict"));
        Assert.Contains("none, syntax or structure", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_constraint_axis_reaches_the_generator_with_paired_seeds_and_a_results_column()
    {
        using var model = TinyModels.Create();
        using var temp = new TempDirectory();
        var cells = AblationGrid.Parse("top_k=20;top_p=0.5;temperature=0.3;constraint=none,structure");
        var plan = new AblationPlan([new StylePrompt("Baroque", "Bach, Johann Sebastian", "Keyboard")], 2, Seed: 11, MaxPatches: 6);
        new AblationRunner(model, new SampleEvaluator()).Run(cells, plan, temp.Path);

        // Both cells draw the same seeds (the sampling key's); only the mask differs.
        var prompt = "Baroque/Bach, Johann Sebastian/Keyboard";
        var request = PieceRequest.ForStyle(new StylePrompt("Baroque", "Bach, Johann Sebastian", "Keyboard"));
        string Generate(ConstraintLevel constraint, int index) => new PieceGenerator(model).Generate(request, new GenerationOptions
        {
            Sampling = cells[0].Sampling,
            Seed = AblationRunner.SeedFor(11, cells[0].SamplingKey, prompt, index),
            MaxPatches = 6,
            Constraint = constraint,
        }).RawText;
        string Written(AblationCell cell, int index) => File.ReadAllText(Path.Combine(temp.Path, "cells", cell.Key, $"baroque-bach-johann-sebastian-keyboard-{index}.abc"));
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(Generate(ConstraintLevel.None, i), Written(cells[0], i));
            Assert.Equal(Generate(ConstraintLevel.Structure, i), Written(cells[1], i));
        }
        Assert.NotEqual(Written(cells[0], 0), Written(cells[1], 0));

        var header = File.ReadLines(Path.Combine(temp.Path, AblationRunner.ResultsFile)).First();
        Assert.StartsWith("cell,order,top_k,top_p,temperature,prompt,samples,constraint,finished,", header, StringComparison.Ordinal);
        var rows = AblationResults.Read(Path.Combine(temp.Path, AblationRunner.ResultsFile));
        Assert.Equal(["none", "structure"], rows.Select(r => r.Constraint));
        Assert.DoesNotContain("constraint", rows[0].Metrics.Keys);
        Assert.Equal(["none", "structure"], AblationResults.Frame(rows)["constraint"].Cast<string>());
        // The charts draw the two constraints as separate series, never one line through both.
        Assert.Equal(2, AblationResults.Points(rows, "finished").Select(p => p.Order).Distinct().Count());
    }

    [Fact]
    public void A_pieces_seed_depends_on_its_cell_prompt_and_index_only()
    {
        var seed = AblationRunner.SeedFor(3, "k9-p0.9-t1.2-notagen", "Baroque/Bach/Keyboard", 0);
        Assert.Equal(seed, AblationRunner.SeedFor(3, "k9-p0.9-t1.2-notagen", "Baroque/Bach/Keyboard", 0));
        Assert.NotEqual(seed, AblationRunner.SeedFor(3, "k9-p0.9-t1.2-notagen", "Baroque/Bach/Keyboard", 1));
        Assert.NotEqual(seed, AblationRunner.SeedFor(3, "k5-p0.9-t1.2-notagen", "Baroque/Bach/Keyboard", 0));
        Assert.NotEqual(seed, AblationRunner.SeedFor(4, "k9-p0.9-t1.2-notagen", "Baroque/Bach/Keyboard", 0));
    }

    [Fact]
    public void Bootstrap_interval_brackets_the_mean_is_seeded_and_ignores_nan()
    {
        double[] values = [0, 1, 1, 0, 1, double.NaN];
        var a = Bootstrap.Mean(values, seed: 1);
        Assert.Equal(5, a.Count);
        Assert.Equal(0.6, a.Mean, 12);
        Assert.True(a.Low <= 0.6 && 0.6 <= a.High && a.Low < a.High);
        Assert.Equal(a, Bootstrap.Mean(values, seed: 1));
        var constant = Bootstrap.Mean([2, 2, 2], seed: 5);
        Assert.Equal((2.0, 2.0), (constant.Low, constant.High));
        Assert.True(double.IsNaN(Bootstrap.Mean([double.NaN], seed: 0).Mean));
    }

    [Fact]
    public void Quantiles_interpolate_between_order_statistics()
    {
        Assert.Equal(2.5, Bootstrap.Quantile([1, 2, 3, 4], 0.5));
        Assert.Equal(1.0, Bootstrap.Quantile([1, 2, 3, 4], 0));
        Assert.Equal(1.15, Bootstrap.Quantile([1, 2, 3, 4], 0.05), 12);
    }

    [Fact]
    public void Csv_rows_with_quoted_commas_split_back_into_their_cells()
    {
        var line = "x.abc," + MetricsTables.Cell("Baroque/Bach, Johann Sebastian/Keyboard") + ",1,";
        Assert.Equal(["x.abc", "Baroque/Bach, Johann Sebastian/Keyboard", "1", ""], AblationRunner.CsvRow(line));
    }

    [Fact]
    public void The_metrics_frame_has_a_row_per_piece_and_a_column_per_metric()
    {
        var samples = new[]
        {
            new EvaluatedSample("a.abc", "P/C/I", new Dictionary<string, double> { ["parses"] = 1, ["bars"] = 8 }),
            new EvaluatedSample("b.abc", "P/C/I", new Dictionary<string, double> { ["parses"] = 0 }),
        };
        var frame = MetricsFrames.Metrics(samples, ["parses", "bars"]);
        Assert.Equal(2, frame.Rows.Count);
        Assert.Equal(["path", "prompt", "parses", "bars"], frame.Columns.Select(c => c.Name));
        Assert.Equal(8.0, frame["bars"][0]);
        Assert.True(double.IsNaN((double)frame["bars"][1]!));
        var summary = MetricsFrames.Summary(MetricsTables.Summarise(samples, ["parses"], seed: 0, resamples: 10));
        Assert.Equal(2, summary.Rows.Count); // "all" and the one prompt
        Assert.Equal(0.5, summary["mean"][0]);
    }
}
