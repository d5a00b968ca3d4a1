using NotaGen.Music;

namespace NotaGen.Tokenization;

/// <summary>
/// Rejects text the 128-id vocabulary cannot hold, naming the first bad character's line and column: non-ASCII, and
/// the EOS id, which would end a patch's text early. Ids 0 and 1 pass, as in NotaGen: its decoder writes them into the
/// text when a model emits them before EOS, and its encoder reads them back.
/// </summary>
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
            if (c >= PatchVocabulary.Size || c == PatchVocabulary.Eos)
            {
                var what = c < PatchVocabulary.Size
                    ? $"control character U+{(int)c:X4} is the reserved EOS id"
                    : $"character '{c}' (U+{(int)c:X4}) is not 7-bit ASCII; transliterate the text first (NotaGen applies unidecode)";
                throw new MusicFormatException(source, $"{line}:{column}", what);
            }
            column++;
        }
    }
}
