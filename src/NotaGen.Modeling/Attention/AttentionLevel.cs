namespace NotaGen.Modeling.Attention;

/// <summary>Which decoder of the hierarchy an attention map comes from.</summary>
public enum AttentionLevel
{
    Patch,
    Char,
}
