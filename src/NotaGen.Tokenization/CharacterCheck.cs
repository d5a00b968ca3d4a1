using NotaGen.Music;

namespace NotaGen.Tokenization;

/// <summary>Rejects text the 128-id vocabulary cannot hold, naming the first bad character's line and column.</summary>
internal static class CharacterCheck
{
    public static void RequireText(string text, string source)
    {
        var line = 1;
        var column = 1;
        foreach (var c in text)
        {
            if (c == '\n')
            {
                line++;
                column = 1;
                continue;
            }
            if (!PatchVocabulary.IsTextCharacter(c))
            {
                var what = c < PatchVocabulary.Size
                    ? $"control character U+{(int)c:X4} is reserved (PAD/BOS/EOS)"
                    : $"character '{c}' (U+{(int)c:X4}) is not 7-bit ASCII; transliterate the text first (NotaGen applies unidecode)";
                throw new MusicFormatException(source, $"{line}:{column}", what);
            }
            column++;
        }
    }
}
