using System.Text;

namespace NotaGen.Tokenization.Tests;

/// <summary>
/// Reads tokenizer-example.txt independently of the code under test: each line <c>index 'text'</c>, where
/// <c>&lt;PAD&gt;</c>/<c>&lt;BOS&gt;</c>/<c>&lt;EOS&gt;</c> stand for ids 0/1/2 and <c>\n</c> for a newline.
/// </summary>
internal static class ListingParser
{
    public static List<int[]> Parse(string listing)
    {
        var patches = new List<int[]>();
        foreach (var line in listing.Split('\n'))
        {
            if (line.Length == 0 || line.StartsWith("n patches", StringComparison.Ordinal))
                continue;
            var open = line.IndexOf('\'');
            var body = line[(open + 1)..line.LastIndexOf('\'')];
            patches.Add(ParseBody(body));
        }
        return patches;
    }

    private static int[] ParseBody(string body)
    {
        var ids = new List<int>();
        var tags = new Dictionary<string, int> { ["<PAD>"] = 0, ["<BOS>"] = 1, ["<EOS>"] = 2 };
        for (var i = 0; i < body.Length;)
        {
            var tag = tags.Keys.FirstOrDefault(t => string.CompareOrdinal(body, i, t, 0, t.Length) == 0);
            if (tag is not null)
            {
                ids.Add(tags[tag]);
                i += tag.Length;
            }
            else if (body[i] == '\\')
            {
                ids.Add(body[i + 1] switch { 'n' => '\n', '\\' => '\\', '\'' => '\'', var other => throw new FormatException($"escape \\{other}") });
                i += 2;
            }
            else
            {
                ids.Add(body[i]);
                i++;
            }
        }
        return ids.ToArray();
    }

    public static string Text(IEnumerable<int> ids) => new(ids.Select(id => (char)id).ToArray());

    public static string Describe(IEnumerable<int[]> patches) =>
        string.Join("\n", patches.Select(p => new StringBuilder().AppendJoin(',', p).ToString()));
}
