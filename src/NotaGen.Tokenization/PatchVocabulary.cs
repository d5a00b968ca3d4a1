namespace NotaGen.Tokenization;

/// <summary>
/// NotaGen's character vocabulary: the 128 ASCII code points, with the three lowest ids reserved as specials
/// (reference c). Patches are fixed windows of <see cref="PatchSize"/> ids.
/// </summary>
public static class PatchVocabulary
{
    /// <summary>Ids 0..127: one id per 7-bit ASCII character.</summary>
    public const int Size = 128;

    /// <summary>Characters per patch.</summary>
    public const int PatchSize = 16;

    /// <summary>Padding after the end of a patch's text (NotaGen's "special_token_id").</summary>
    public const int Pad = 0;

    /// <summary>Begin marker; 15 of them plus one <see cref="Eos"/> make the BOS patch.</summary>
    public const int Bos = 1;

    /// <summary>End of a segment inside a patch; one <see cref="Bos"/> plus 15 of them make the EOS patch.</summary>
    public const int Eos = 2;

    /// <summary>Context length of NotaGen-small and -medium, in patches (large and NotaGen-X use 1024).</summary>
    public const int DefaultContextPatches = 2048;

    /// <summary>True for a character the model can read and write as text (ASCII, not one of the three specials).</summary>
    public static bool IsTextCharacter(char c) => c < Size && c > Eos;
}
