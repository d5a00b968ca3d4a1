using static TorchSharp.torch;

namespace NotaGen.Modeling.Modules;

/// <summary>
/// A module whose parameters and children are named only by explicit <c>register_*</c> calls. TorchSharp otherwise
/// also registers every field by its C# name when a state dict is taken (measured: <c>attn.cAttn.weight</c> beside
/// <c>attn.c_attn.weight</c>), which would break NotaGen's checkpoint names.
/// </summary>
public abstract class ExplicitModule(string name) : nn.Module(name)
{
    protected sealed override void RegisterComponents()
    {
    }
}
