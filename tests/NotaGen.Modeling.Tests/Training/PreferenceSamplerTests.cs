using NotaGen.Generation;
using NotaGen.Generation.Constraints;
using NotaGen.Generation.Sampling;
using NotaGen.Music.NotaGenFormat;
using NotaGen.Training.Data;
using NotaGen.Training.Preference;
using Xunit;

namespace NotaGen.Modeling.Tests.Training;

public sealed class PreferenceSamplerTests
{
    private static readonly StylePrompt Bach = new("Baroque", "Bach, Johann Sebastian", "Keyboard");

    /// <summary>Every piece eligible, longer text ranked higher: the pairs exist whatever a random model writes.</summary>
    private sealed class LengthScorer : IPieceScorer
    {
        public string Name => "length";

        public PieceScore Score(string piece, StylePrompt? prompt) => new(piece.Length, true);
    }

    [Theory]
    [InlineData(ConstraintLevel.None, "none")]
    [InlineData(ConstraintLevel.Structure, "structure")]
    public void The_sampler_decodes_under_the_options_constraint_and_records_it_in_every_pair(ConstraintLevel constraint, string name)
    {
        TestModels.PinThreads();
        using var policy = NotaGenModel.Create(TestModels.Micro, seed: 4);
        policy.eval();
        var options = new GenerationOptions { Sampling = SamplingOptions.NotaGenDefaults, MaxPatches = 5, Constraint = constraint };
        var sampled = new List<string>();
        var sampler = new PreferenceSampler(policy, new PreferenceSelection(new LengthScorer(), Portion: 0.5))
        {
            OnPiece = (_, _, piece) => sampled.Add(piece.RawText),
        };
        var pairs = sampler.Sample([Bach], samplesPerPrompt: 2, seed: 9, options).Pairs;

        Assert.Single(pairs);
        Assert.Equal(name, pairs[0].Constraint);
        Assert.Equal(Bach, pairs[0].Labels);
        // The pieces are what the generator writes under that constraint from each piece's derived seed.
        var request = PieceRequest.ForStyle(new StylePrompt("Baroque", "Bach, Johann Sebastian", "Keyboard"));
        var expected = Enumerable.Range(0, 2).Select(i => new PieceGenerator(policy)
            .Generate(request, options with { Seed = (ulong)SeedMixer.Mix(9, 0, i) }).RawText).ToList();
        Assert.Equal(expected, sampled);
        Assert.Equal(expected.OrderByDescending(t => t.Length).ThenBy(expected.IndexOf).ToList(), [pairs[0].Chosen, pairs[0].Rejected]);
    }

    [Fact]
    public void The_structure_constraint_changes_what_the_policy_samples()
    {
        TestModels.PinThreads();
        using var policy = NotaGenModel.Create(TestModels.Micro, seed: 4);
        policy.eval();
        string[] Sample(ConstraintLevel constraint)
        {
            var sampled = new List<string>();
            new PreferenceSampler(policy, new PreferenceSelection(new LengthScorer(), Portion: 0.5)) { OnPiece = (_, _, piece) => sampled.Add(piece.RawText) }
                .Sample([Bach], 2, 9, new GenerationOptions { MaxPatches = 5, Constraint = constraint });
            return [.. sampled];
        }
        Assert.NotEqual(Sample(ConstraintLevel.None), Sample(ConstraintLevel.Structure));
    }

    [Fact]
    public void Cancelled_mid_prompt_it_pairs_only_the_prompts_sampled_in_full_as_a_run_over_those_alone_does()
    {
        TestModels.PinThreads();
        using var policy = NotaGenModel.Create(TestModels.Micro, seed: 4);
        policy.eval();
        var options = new GenerationOptions { Sampling = SamplingOptions.NotaGenDefaults, MaxPatches = 5 };
        var selection = new PreferenceSelection(new LengthScorer(), Portion: 0.5);
        using var cancel = new CancellationTokenSource();
        var interrupted = new PreferenceSampler(policy, selection)
        {
            // The second prompt's first piece is drawn, then the run is cancelled (as Ctrl-C would).
            OnPiece = (p, i, _) => { if (p == 1 && i == 0) cancel.Cancel(); },
        }.Sample([Bach, Bach, Bach], samplesPerPrompt: 3, seed: 9, options, cancel.Token);
        var alone = new PreferenceSampler(policy, selection).Sample([Bach], samplesPerPrompt: 3, seed: 9, options);

        Assert.Equal(1, interrupted.PromptsSampled);
        Assert.Equal(1, alone.PromptsSampled);
        Assert.NotEmpty(alone.Pairs);
        Assert.Equal(alone.Pairs, interrupted.Pairs);
    }
}
