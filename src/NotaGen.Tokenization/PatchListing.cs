using System.Text;

namespace NotaGen.Tokenization;

/// <summary>
/// The readable listing of tokenizer-example.txt: one line per patch, <c>index 'text'</c> with the special ids written
/// <c>&lt;PAD&gt;</c>, <c>&lt;BOS&gt;</c>, <c>&lt;EOS&gt;</c> and Python-style escapes, then <c>n patches N</c>.
/// </summary>
public static class PatchListing
{
    public static string Format(IReadOnlyList<Patch> patches)
    {
        var text = new StringBuilder();
        for (var i = 0; i < patches.Count; i++)
            text.Append(i).Append(' ').Append(Quote(patches[i])).Append('\n');
        text.Append("n patches ").Append(patches.Count).Append('\n');
        return text.ToString();
    }

    public static string Quote(Patch patch)
    {
        var text = new StringBuilder("'");
        foreach (var id in patch)
        {
            text.Append(id switch
            {
                PatchVocabulary.Pad => "<PAD>",
                PatchVocabulary.Bos => "<BOS>",
                PatchVocabulary.Eos => "<EOS>",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\\' => "\\\\",
                '\'' => "\\'",
                < 32 or 127 => $"\\x{id:x2}",
                _ => ((char)id).ToString(),
            });
        }
        return text.Append('\'').ToString();
    }
}
