using NotaGen.Corpus.Output;
using NotaGen.Testing;
using NotaGen.Training;
using NotaGen.Training.Checkpoints;
using NotaGen.Training.Configuration;
using NotaGen.Training.Logging;
using NotaGen.Training.Preference;
using Xunit;
using static TorchSharp.torch;

namespace NotaGen.Modeling.Tests.Training;

public sealed class PreferenceTests
{
    [Theory]
    // Policy ahead of the reference on the chosen piece: margin (1) − (−1) = 2, no penalty: −log σ(0.2).
    [InlineData(-10.0, -12.0, -11.0, -11.0, 0.5981388693)]
    // Chosen fell 1 below the reference: margin 0, penalty β·λ·1 = 1: −log σ(−1).
    [InlineData(-12.0, -12.0, -11.0, -11.0, 1.3132616875)]
    public void Dpo_positive_loss_matches_the_formula(double policyChosen, double policyRejected, double referenceChosen, double referenceRejected, double expected)
    {
        using var scope = NewDisposeScope();
        var loss = DpoPositiveObjective.Loss(tensor(new[] { policyChosen, policyRejected }), tensor(new[] { referenceChosen, referenceRejected }), beta: 0.1, lambda: 10);
        Assert.Equal(expected, loss.item<double>(), 8);
    }

    [Fact]
    public void Structure_scorer_prefers_aligned_valid_pieces()
    {
        var scorer = new StructureScorer();
        var aligned = TrainingFixtures.Piece(0).Abc;
        var misaligned = Misalign(aligned);

        var good = scorer.Score(aligned, null);
        var bad = scorer.Score(misaligned, null);
        var broken = scorer.Score("%Romantic\nnot music at all\n", null);

        Assert.True(good.Eligible);
        Assert.Equal(1.0, good.Value);
        Assert.False(bad.Eligible);
        Assert.InRange(bad.Value, 0.5, 0.99);
        Assert.Equal(0, broken.Value);
        // Counters as the model writes them do not change the verdict.
        Assert.Equal(good, scorer.Score(aligned.Replace("[V:1]G2", "[r:0/3][V:1]G2", StringComparison.Ordinal), null));
    }

    [Fact]
    public void Validity_scorer_reads_durations_through_the_abc_engine()
    {
        var scorer = new ValidityScorer();
        var aligned = TrainingFixtures.Piece(0).Abc;

        var good = scorer.Score(aligned, null);
        Assert.Equal(new PieceScore(1.0, true), good);
        // One extra bar in voice 1: 5 bars, the fifth missing from voice 2 → bar alignment error 1/5.
        var bad = scorer.Score(Misalign(aligned), null);
        Assert.False(bad.Eligible);
        Assert.Equal(0.5 + 0.5 * (1 - 0.2), bad.Value, 12);
        // A bar that is too short in one voice: durations disagree though barline counts agree.
        const string shortBar = "%%score { 1 | 2 }\nL:1/8\nM:2/4\nK:C\nV:1 treble\nV:2 bass\n[V:1]C2 D2|[V:2]C,4|\n[V:1]E2 F2|[V:2]C,2|\n";
        Assert.Equal(new PieceScore(0.75, false, "bar alignment error 50.0%"), scorer.Score(shortBar, null));
        var broken = scorer.Score("%Romantic\nK:C\nV:1\n[V:1]C D [ce |\n", null);
        Assert.Equal(0, broken.Value);
        Assert.False(broken.Eligible);
    }

    [Fact]
    public void Selection_pairs_the_top_eligible_with_the_bottom_raw()
    {
        var aligned = Enumerable.Range(0, 8).Select(i => TrainingFixtures.Piece(i).Abc).ToList();
        var candidates = new List<string> { Misalign(aligned[0]), "garbage\n" };
        candidates.AddRange(aligned);
        var pairs = new PreferenceSelection(new StructureScorer(), Portion: 0.2).Select("p", null, candidates);

        // 10 candidates × 20% = 2 chosen (first two aligned ones, sampling order breaks ties) × 2 rejected (lowest scores).
        Assert.Equal(4, pairs.Count);
        Assert.Equal([aligned[0], aligned[1]], pairs.Select(p => p.Chosen).Distinct());
        Assert.Equal(["garbage\n", candidates[0]], pairs.Select(p => p.Rejected).Distinct());
    }

    [Fact]
    public void A_dpo_run_starts_at_ln2_and_raises_the_chosen_margin()
    {
        using var directory = new TempDirectory();
        var corpus = TrainingFixtures.WriteCorpus(directory.Path, train: 4, validation: 0);
        var pretrain = TrainingFixtures.Config(corpus, directory.File("pretrain")) with { Steps = 2, EvaluateEvery = 0 };
        using (var session = TrainingSession.Open(pretrain)) session.Run();

        var pairsPath = directory.File("pairs.jsonl");
        File.WriteAllLines(pairsPath, Enumerable.Range(0, 3).Select(i => System.Text.Json.JsonSerializer.Serialize(
            new PreferencePair { Prompt = "p", Chosen = TrainingFixtures.Piece(i).Abc, Rejected = Misalign(TrainingFixtures.Piece(i).Abc) },
            NotaGen.Corpus.Output.CorpusJson.Lines)));
        var dpo = pretrain with
        {
            Stage = TrainingStages.Dpo,
            Output = directory.File("dpo"),
            InitFrom = Path.Combine(pretrain.Output, CheckpointStore.LastName),
            Dropout = 0,
            Steps = 12,
            LearningRate = 1e-3,
            WarmupSteps = 0,
            MinLearningRateRatio = 1,
            Dpo = new DpoConfig { Pairs = pairsPath, Beta = 0.1, Lambda = 10 },
        };
        using var preference = PreferenceSession.Open(dpo);
        Assert.Equal(3, preference.PairCount);
        preference.Run();

        var losses = JsonLinesTrainingLog.Read(preference.LogPath).Where(e => e.Kind == "train").Select(e => e.Loss!.Value).ToList();
        // Policy = reference at the start: the margin is 0 and the loss −log σ(0) = ln 2.
        Assert.Equal(Math.Log(2), losses[0], 5);
        Assert.True(losses.TakeLast(3).Average() < 0.5, $"DPO loss did not fall: {string.Join(", ", losses.Select(l => l.ToString("F3")))}");
    }

    /// <summary>The piece with one extra bar in voice 1 of its first body line.</summary>
    private static string Misalign(string piece)
    {
        var lines = piece.Split('\n');
        var first = Array.FindIndex(lines, l => l.StartsWith("[V:1]", StringComparison.Ordinal));
        lines[first] = lines[first].Replace("[V:2]", "c2 c2 c2 c2|[V:2]", StringComparison.Ordinal);
        return string.Join('\n', lines);
    }
}
