using NotaGen.Modeling.Style;
using NotaGen.Music.NotaGenFormat;
using NotaGen.Tokenization;
using NotaGen.Training.Logging;
using NotaGen.Visualization.Curves;
using NotaGen.Visualization.Modeling;
using Plotly.NET;
using Xunit;
using static TorchSharp.torch;

namespace NotaGen.Modeling.Tests.Views;

/// <summary>The arrays behind the attention and style-space charts, taken from a real (tiny, untrained) model.</summary>
public sealed class ModelViewTests
{
    private static IReadOnlyList<Patch> Piece() =>
        new BarPatchTokenizer(64).EncodeTraining("%Baroque\n%Bach, Johann Sebastian\n%Keyboard\nL:1/8\nM:2/4\nK:G\nV:1\nV:2\n[V:1]GABc|[V:2]G,4|\n[V:1]d4|[V:2]D,4|\n");

    [Fact]
    public void Attention_maps_are_copied_per_layer_and_head_causal_rows_summing_to_one_with_bar_labels()
    {
        TestModels.PinThreads();
        using var model = NotaGenModel.Create(TestModels.Styled(embeddings: true, adapters: true, attentionBias: true), seed: 5);
        var patches = Piece();
        var maps = AttentionMaps.Capture(model, patches, model.Config.Styles.Resolve(new StylePrompt("Baroque", "Bach, Johann Sebastian", "Keyboard")));

        Assert.Equal(2, maps.PatchLayers);
        Assert.Equal(2, maps.Heads);
        var head = maps.Patch(1, 1);
        Assert.Equal(patches.Count, head.Length);
        for (var q = 0; q < head.Length; q++)
        {
            Assert.Equal(1, head[q].Sum(), 5);
            Assert.All(head[q].Skip(q + 1), w => Assert.Equal(0, w, 6));
        }
        Assert.Contains(maps.AxisLabels, l => l.EndsWith("[r:1][V:2]", StringComparison.Ordinal));
        var rollout = maps.Rollout();
        Assert.All(rollout, row => Assert.Equal(1, row.Sum(), 5));

        var chars = maps.Char(0, 0, targetPatch: 3);
        Assert.Equal(16, chars.Length);
        Assert.All(chars, row => Assert.Equal(1, row.Sum(), 5));
        var (keys, queries) = maps.CharLabels(3);
        Assert.Equal("state", keys[0]);
        Assert.Equal(16, keys.Count);
        Assert.Equal(16, queries.Count);
        Assert.Throws<ArgumentOutOfRangeException>(() => maps.Char(0, 0, targetPatch: 0));
    }

    [Fact]
    public void Style_tables_and_adapter_updates_become_one_vector_per_style_value()
    {
        using var model = NotaGenModel.Create(TestModels.Styled(embeddings: true, adapters: true, attentionBias: false), seed: 6);
        using (no_grad())
        {
            // Untrained adapters have B = 0; give them values so the updates differ per style.
            foreach (var (_, parameter) in model.AdapterParameters())
                parameter.normal_();
            model.PatchLevel.StyleEmbeddings!.Composers.normal_();
        }
        var composers = StyleVectors.Embeddings(model, StyleVectors.Axis.Composer, c => c.StartsWith("Bach", StringComparison.Ordinal) ? "Baroque" : "Romantic");
        Assert.Equal(["other", "Bach, Johann Sebastian", "Chopin, Frederic", "Schubert, Franz"], composers.Select(c => c.Name));
        Assert.Equal("Baroque", composers[1].Group);
        Assert.All(composers, c => Assert.Equal(32, c.Values.Count));
        Assert.Equal(model.PatchLevel.StyleEmbeddings!.Composers[2][5].item<float>(), composers[2].Values[5], 5);

        var adapters = StyleVectors.Adapters(model);
        Assert.Equal(model.Config.Styles.Count, adapters.Count);
        // Per layer: c_attn 32×96, attn.c_proj 32×32, c_fc 32×128, mlp.c_proj 128×32; two layers.
        Assert.All(adapters, a => Assert.Equal(2 * (32 * 96 + 32 * 32 + 32 * 128 + 128 * 32), a.Values.Count));
        Assert.Equal("period", adapters[0].Group);
        Assert.NotEqual(adapters[1].Values, adapters[2].Values);

        var hidden = StyleVectors.MeanHiddenState(model, Piece());
        Assert.Equal(32, hidden.Length);
    }

    [Fact]
    public void A_model_without_adapters_says_so()
    {
        using var model = NotaGenModel.Create(TestModels.Micro, seed: 7);
        Assert.Contains("no style adapters", Assert.Throws<InvalidOperationException>(() => StyleVectors.Adapters(model)).Message);
        Assert.Contains("no style embeddings", Assert.Throws<InvalidOperationException>(() => StyleVectors.Embeddings(model, StyleVectors.Axis.Period)).Message);
    }

    [Fact]
    public void The_training_observer_feeds_the_live_curves()
    {
        var shown = new List<GenericChart>();
        var observer = new TrainingCurveObserver(new LiveTrainingCurves(shown.Add, everySteps: 2));
        for (var step = 1; step <= 4; step++)
            observer.Report(new TrainingLogEntry { Kind = "train", Step = step, Loss = 3.0 / step, LearningRate = 1e-3, TokensPerSecond = 100 });
        Assert.Equal(2, shown.Count);
        Assert.Equal(4, observer.Curves.Points.Count);
        Assert.Equal(1.5, observer.Curves.Points[1].Loss);
    }
}
