using NotaGen.Modeling.Configuration;
using NotaGen.Modeling.Weights;
using NotaGen.Testing;
using NotaGen.Training;
using NotaGen.Training.Checkpoints;
using NotaGen.Training.Configuration;
using Xunit;

namespace NotaGen.Modeling.Tests.Training;

public sealed class AdapterOnlyTests
{
    [Fact]
    public void Adapter_only_fine_tuning_leaves_every_base_weight_bit_identical()
    {
        using var directory = new TempDirectory();
        var corpus = TrainingFixtures.WriteCorpus(directory.Path, train: 6, validation: 0);
        var pretrain = TrainingFixtures.Config(corpus, directory.File("pretrain")) with { Steps = 3, EvaluateEvery = 0 };
        using (var session = TrainingSession.Open(pretrain)) session.Run();

        var finetune = pretrain with
        {
            Stage = TrainingStages.Finetune,
            Output = directory.File("finetune"),
            InitFrom = Path.Combine(pretrain.Output, CheckpointStore.LastName),
            Style = new StyleConditioning { Embeddings = true, Adapters = true, AttentionBias = true, AdapterRank = 2, AdapterAlpha = 4 },
            AdaptersOnly = true,
            Steps = 4,
        };
        using var tuned = TrainingSession.Open(finetune);
        var before = ModelWeights.Copy(tuned.Model);
        tuned.Run();
        var after = ModelWeights.Copy(tuned.Model);

        Dictionary<string, TorchSharp.torch.Tensor> pretrained;
        using (var reader = SafeTensorsReader.Open(pretrain.Output + "/" + CheckpointStore.LastName))
            pretrained = reader.ReadTensors();
        var adapterNames = tuned.Model.AdapterParameters().Select(p => p.Name).Concat(tuned.Model.StyleTableParameters().Select(p => p.Name)).ToHashSet();
        Assert.NotEmpty(adapterNames);
        var baseNames = after.Keys.Where(n => !adapterNames.Contains(n)).ToList();
        Assert.True(baseNames.Count > 20);
        foreach (var name in baseNames)
        {
            Assert.True(after[name].bytes.SequenceEqual(before[name].bytes), $"base weight {name} changed");
            Assert.True(after[name].bytes.SequenceEqual(pretrained["model/" + name].bytes), $"base weight {name} is not the pre-trained one");
        }
        var changed = adapterNames.Count(n => !after[n].bytes.SequenceEqual(before[n].bytes));
        Assert.True(changed >= adapterNames.Count / 2, $"only {changed} of {adapterNames.Count} adapter/style tensors trained");
    }
}
