namespace NotaGen.Modeling.Configuration;

/// <summary>
/// The style of one piece as indices into a <see cref="StyleVocabulary"/>; index 0 on each axis is the learned
/// "other" value used for anything the vocabulary does not know.
/// </summary>
public readonly record struct StyleRows(int Period, int Composer, int Instrumentation)
{
    public static StyleRows Other => new(0, 0, 0);
}
