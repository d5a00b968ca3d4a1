using NotaGen.Corpus.Output;
using NotaGen.Evaluation.Perplexity;
using NotaGen.Tokenization;
using Xunit;
using static TorchSharp.torch;

namespace NotaGen.Evaluation.Tests;

public sealed class PerplexityTests
{
    /// <summary>Two short pieces in NotaGen's format (one voice, then two); the second has more patches, so batches pad.</summary>
    private static readonly CorpusPiece[] Tiny =
    [
        new() { Id = "a", Split = CorpusSplits.Test, Abc = "X:1\nL:1/4\nM:2/4\nK:C\n[V:1]C D|\n[V:1]E F|]\n" },
        new() { Id = "b", Split = CorpusSplits.Test, Abc = "%%score { 1 | 2 }\nL:1/8\nM:4/4\nK:G\nV:1 treble\nV:2 bass\n[V:1]GABc d2B2|[V:2]G,8|\n[V:1]c2A2 G4|[V:2]D,8|\n[V:1]B4 G4|]\n" },
    ];

    [Fact]
    public void Perplexity_is_exp_of_the_mean_negative_log_likelihood_over_every_predicted_character_whatever_the_batching()
    {
        using var model = TinyModels.Create();
        var (nll, count) = (0.0, 0L);
        var tokenizer = new BarPatchTokenizer(model.Config.PatchLength);
        using (no_grad())
        {
            foreach (var piece in Tiny)
            {
                // Independently of the loss code: each piece alone, every target character's log-softmax summed in doubles.
                var patches = tokenizer.EncodeTraining(piece.Abc, null, piece.Id);
                var ids = patches.SelectMany(p => p.Select(c => (long)c)).ToArray();
                using var input = tensor(ids, [1, patches.Count, 16]);
                using var hidden = model.PatchLevel.forward(input);                                   // [1, L, H]
                for (var t = 1; t < patches.Count; t++)
                {
                    using var state = hidden[0, t - 1].unsqueeze(0);                                  // [1, H]
                    using var target = tensor(patches[t].Select(c => (long)c).ToArray(), [1, 16]);
                    using var logits = model.CharLevel.forward(state, target).to(ScalarType.Float64); // [1, 16, V]
                    var values = logits.data<double>().ToArray();
                    var vocabulary = (int)logits.shape[2];
                    for (var k = 0; k < 16; k++)
                    {
                        if (patches[t][k] == 0) continue; // PAD is never a target
                        var row = values.AsSpan(k * vocabulary, vocabulary);
                        var max = double.NegativeInfinity;
                        foreach (var v in row) max = Math.Max(max, v);
                        var total = 0.0;
                        foreach (var v in row) total += Math.Exp(v - max);
                        nll -= row[patches[t][k]] - max - Math.Log(total);
                        count++;
                    }
                }
            }
        }
        var expected = Math.Exp(nll / count);

        var oneBatch = CharacterPerplexity.Measure(model, Tiny, batchPatches: 1000);
        var onePerBatch = CharacterPerplexity.Measure(model, Tiny, batchPatches: 1);
        Assert.Equal((2, 0, count), (oneBatch.Pieces, oneBatch.Skipped, oneBatch.Characters));
        Assert.Equal(count, onePerBatch.Characters);
        // float32 logits: agreement to about 1e-6 relative.
        Assert.Equal(expected, oneBatch.Perplexity, expected * 1e-5);
        Assert.Equal(expected, onePerBatch.Perplexity, expected * 1e-5);
        Assert.Equal(oneBatch.MeanLoss / Math.Log(2), oneBatch.BitsPerCharacter, 12);
        // A random 128-way model is close to uniform: perplexity near the vocabulary size, far from 1.
        Assert.InRange(expected, 40, 400);
    }

    [Fact]
    public void Pieces_the_tokenizer_refuses_are_counted_and_left_out()
    {
        using var model = TinyModels.Create();
        var bad = new CorpusPiece { Id = "bad", Split = CorpusSplits.Test, Abc = "X:1\nK:C\nC D é|]\n" };
        var result = CharacterPerplexity.Measure(model, [Tiny[0], bad]);
        Assert.Equal((1, 1), (result.Pieces, result.Skipped));
        Assert.Throws<ArgumentException>(() => CharacterPerplexity.Measure(model, [bad]));
    }
}
