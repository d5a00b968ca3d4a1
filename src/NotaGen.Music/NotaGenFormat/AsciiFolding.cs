using System.Text;

namespace NotaGen.Music.NotaGenFormat;

/// <summary>
/// Folds text to 7-bit ASCII, as NotaGen's <c>unidecode</c> step does: the model's vocabulary is the 128 ASCII
/// code points, so every other character must become ASCII or disappear. The table covers what scores carry:
/// Latin letters with diacritics, ligatures, typographic quotes and dashes, music signs, Cyrillic; characters
/// it does not know are dropped (as unidecode does for unmapped code points) rather than turned into <c>?</c>,
/// which would be read as music.
/// </summary>
public static class AsciiFolding
{
    private static readonly Dictionary<char, string> Table = BuildTable();

    /// <summary>The ASCII form of <paramref name="text"/>; ASCII input is returned unchanged.</summary>
    public static string Fold(string text)
    {
        if (IsAscii(text))
            return text;
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c < 128)
                builder.Append(c);
            else if (Table.TryGetValue(c, out var replacement))
                builder.Append(replacement);
            // Unknown characters (CJK, emoji, lone surrogates, combining marks) are dropped.
        }
        return builder.ToString();
    }

    public static bool IsAscii(string text)
    {
        foreach (var c in text)
            if (c >= 128)
                return false;
        return true;
    }

    private static Dictionary<char, string> BuildTable()
    {
        var table = new Dictionary<char, string>();
        void Letters(string from, string to)
        {
            for (var i = 0; i < from.Length; i++)
                table[from[i]] = to[i].ToString();
        }

        // Latin-1 supplement and Latin Extended-A letters, base letter without its diacritic.
        Letters("ÀÁÂÃÄÅàáâãäåĀāĂăĄą", "AAAAAAaaaaaaAaAaAa");
        Letters("ÇçĆćĈĉĊċČč", "CcCcCcCcCc");
        Letters("ĎďĐđÐð", "DdDdDd");
        Letters("ÈÉÊËèéêëĒēĔĕĖėĘęĚě", "EEEEeeeeEeEeEeEeEe");
        Letters("ĜĝĞğĠġĢģ", "GgGgGgGg");
        Letters("ĤĥĦħ", "HhHh");
        Letters("ÌÍÎÏìíîïĨĩĪīĬĭĮįİı", "IIIIiiiiIiIiIiIiIi");
        Letters("Ĵĵ", "Jj");
        Letters("Ķķĸ", "Kkk");
        Letters("ĹĺĻļĽľĿŀŁł", "LlLlLlLlLl");
        Letters("ÑñŃńŅņŇňŉŊŋ", "NnNnNnNnnNn");
        Letters("ÒÓÔÕÖØòóôõöøŌōŎŏŐő", "OOOOOOooooooOoOoOo");
        Letters("ŔŕŖŗŘř", "RrRrRr");
        Letters("ŚśŜŝŞşŠšȘș", "SsSsSsSsSs");
        Letters("ŢţŤťŦŧȚț", "TtTtTtTt");
        Letters("ÙÚÛÜùúûüŨũŪūŬŭŮůŰűŲų", "UUUUuuuuUuUuUuUuUuUu");
        Letters("Ŵŵ", "Ww");
        Letters("ÝýÿŶŷŸ", "YyyYyY");
        Letters("ŹźŻżŽž", "ZzZzZz");
        table['ß'] = "ss";
        table['Æ'] = "AE";
        table['æ'] = "ae";
        table['Œ'] = "OE";
        table['œ'] = "oe";
        table['Þ'] = "Th";
        table['þ'] = "th";
        table['Ĳ'] = "IJ";
        table['ĳ'] = "ij";

        // Typographic punctuation.
        foreach (var c in "‘’‚‛′")
            table[c] = "'";
        foreach (var c in "“”„‟″«»")
            table[c] = "\"";
        foreach (var c in "‐‑‒–—―−")
            table[c] = "-";
        table['‹'] = "<";
        table['›'] = ">";
        table['…'] = "...";
        table['•'] = "*";
        table['·'] = ".";
        table['\u00A0'] = " ";
        table['\u2009'] = " ";
        table['\u202F'] = " ";
        table['\u00AD'] = "-";
        table['©'] = "(c)";
        table['®'] = "(r)";
        table['°'] = "deg";
        table['º'] = "o";
        table['ª'] = "a";
        table['№'] = "No";
        table['¡'] = "!";
        table['¿'] = "?";
        table['×'] = "x";
        table['½'] = " 1/2";

        // Music signs that appear in titles and annotations.
        table['♯'] = "#";
        table['♭'] = "b";
        table['♮'] = "";

        // Cyrillic (Russian and common neighbours), scholarly transliteration as unidecode writes it.
        var cyrillic = new (char Upper, char Lower, string Latin)[]
        {
            ('А', 'а', "a"), ('Б', 'б', "b"), ('В', 'в', "v"), ('Г', 'г', "g"), ('Д', 'д', "d"), ('Е', 'е', "e"),
            ('Ё', 'ё', "io"), ('Ж', 'ж', "zh"), ('З', 'з', "z"), ('И', 'и', "i"), ('Й', 'й', "i"), ('К', 'к', "k"),
            ('Л', 'л', "l"), ('М', 'м', "m"), ('Н', 'н', "n"), ('О', 'о', "o"), ('П', 'п', "p"), ('Р', 'р', "r"),
            ('С', 'с', "s"), ('Т', 'т', "t"), ('У', 'у', "u"), ('Ф', 'ф', "f"), ('Х', 'х', "kh"), ('Ц', 'ц', "ts"),
            ('Ч', 'ч', "ch"), ('Ш', 'ш', "sh"), ('Щ', 'щ', "shch"), ('Ъ', 'ъ', "'"), ('Ы', 'ы', "y"), ('Ь', 'ь', "'"),
            ('Э', 'э', "e"), ('Ю', 'ю', "iu"), ('Я', 'я', "ia"), ('Є', 'є', "ie"), ('І', 'і', "i"), ('Ї', 'ї', "i"),
        };
        foreach (var (upper, lower, latin) in cyrillic)
        {
            table[lower] = latin;
            table[upper] = latin.Length == 0 ? latin : char.ToUpperInvariant(latin[0]) + latin[1..];
        }
        return table;
    }
}
