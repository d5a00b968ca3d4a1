namespace NotaGen.Music.NotaGenFormat;

/// <summary>
/// NotaGen's rest reduction test (reference a.3): a voice's bar is kept only if its text holds a letter other than
/// the rests <c>z Z x X</c>. So a bar of rests with a decoration, an annotation or an inline field stays.
/// </summary>
public static class RestReduction
{
    public static bool IsRestOnly(string barText)
    {
        foreach (var c in barText)
            if (char.IsLetter(c) && c is not ('z' or 'Z' or 'x' or 'X'))
                return false;
        return true;
    }
}
