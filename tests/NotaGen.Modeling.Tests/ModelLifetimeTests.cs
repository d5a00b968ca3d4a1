using Xunit;
using static TorchSharp.torch;

namespace NotaGen.Modeling.Tests;

public class ModelLifetimeTests
{
    [Fact]
    public void A_model_built_inside_a_dispose_scope_survives_the_scope()
    {
        NotaGenModel model;
        using (NewDisposeScope())
            model = NotaGenModel.Create(TestModels.Styled(true, true, true), seed: 1);
        using (model)
        using (NewDisposeScope())
            Assert.True(float.IsFinite(model.Loss(TestModels.Patches(1, 4, seed: 1)).item<float>()));
    }
}
