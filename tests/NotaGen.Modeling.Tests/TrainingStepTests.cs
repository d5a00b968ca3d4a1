using Xunit;
using static TorchSharp.torch;

namespace NotaGen.Modeling.Tests;

public class TrainingStepTests
{
    public TrainingStepTests() => TestModels.PinThreads();

    [Fact]
    public void A_few_optimiser_steps_lower_the_loss_on_a_piece()
    {
        using var model = NotaGenModel.Create(TestModels.Micro, seed: 1);
        var patches = TestModels.Patches(2, 8, seed: 2);
        using var optimizer = optim.AdamW(model.parameters(), 3e-3);
        float first = 0, last = 0;
        for (var step = 0; step < 30; step++)
        {
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            var loss = model.Loss(patches);
            loss.backward();
            optimizer.step();
            if (step == 0) first = loss.item<float>();
            last = loss.item<float>();
        }
        Assert.True(last < first - 1.0f, $"loss went from {first} to {last}");
    }

    [Fact]
    public void A_piece_without_a_target_patch_is_rejected()
    {
        using var scope = NewDisposeScope();
        using var model = NotaGenModel.Create(TestModels.Micro);
        Assert.Throws<ArgumentException>(() => model.Loss(TestModels.Patches(1, 1, seed: 1)));
    }
}
