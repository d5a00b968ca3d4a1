using System.Collections.Concurrent;
using NotaGen.Music.MusicXml;
using NotaGen.Testing;
using Xunit;
using Xunit.Abstractions;

namespace NotaGen.Music.Tests.MusicXml;

/// <summary>
/// Our MusicXML → ABC against the reference converter's output (golden/xml2abc, NotaGen's <c>xml2abc -d 8 -c 6 -x</c>)
/// for every shared score: both ABC texts go through the ABC engine and must give the same notes per voice and bar.
/// </summary>
public class GoldenAgreementTests(ITestOutputHelper output)
{
    /// <summary>Golden files that are themselves wrong, with the reason (checked by hand against the MusicXML).</summary>
    private static readonly Dictionary<string, string> GoldenIsWrong = new(StringComparer.Ordinal)
    {
        // Lyrics with a line break inside a syllable: the reference writes the rest of the w: line as a new line,
        // which ABC reads as music (the "notes" are lyric letters).
        ["corpus/musicxml/OpenScore__Lieder/scores/Hensel,_Fanny/3_Lieder/1_Sehnsucht/lc6012947.mxl"] = "w: line broken by a newline inside a lyric; lyric text parsed as notes",
        ["corpus/musicxml/OpenScore__Lieder/scores/Le_Beau,_Luise_Adolpha/5_Lieder,_Op.7/5_Wiegenlied/lc6577137.mxl"] = "w: line broken by a newline inside a lyric; lyric text parsed as notes",
        ["corpus/musicxml/OpenScore__Lieder/scores/Schubert,_Franz/Winterreise,_D.911/14_Der_greise_Kopf/lc5007178.mxl"] = "w: line broken by a newline inside a lyric; lyric text parsed as notes",
        ["corpus/musicxml/OpenScore__Lieder/scores/Schubert,_Franz/Winterreise,_D.911/4_Erstarrung/lc5015573.mxl"] = "w: line broken by a newline inside a lyric; lyric text parsed as notes",
        ["corpus/musicxml/OpenScore__Lieder/scores/Chabrier,_Emmanuel/_/Chanson_pour_Jeanne/lc6497657.mxl"] = "w: line broken by a newline inside a lyric; lyric text parsed as notes",
        ["corpus/musicxml/OpenScore__Lieder/scores/Zumsteeg,_Emilie/6_Lieder,_Op.4/1_Die_Kapelle/lc6159729.mxl"] = "w: line broken by a newline inside a lyric; lyric text parsed as notes",
    };

    [SkippableFact]
    public void Notes_agree_with_the_reference_converter_for_at_least_98_percent_of_golden_files()
    {
        var shared = SharedData.Require();
        var golden = SharedData.Require("golden/xml2abc");
        var rows = File.ReadAllLines(Path.Combine(golden, "log.tsv")).Skip(1)
            .Select(l => l.Split('\t')[0])
            .Where(rel => File.Exists(Path.Combine(golden, Path.ChangeExtension(rel, ".abc"))))
            .ToList();
        var differing = new ConcurrentBag<(string File, string Where)>();
        var agreeing = 0;
        var excused = 0;
        Parallel.ForEach(rows, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, rel =>
        {
            if (GoldenIsWrong.ContainsKey(rel))
            {
                Interlocked.Increment(ref excused);
                return;
            }
            string? where;
            try
            {
                var reference = BarNotes.FromAbc(File.ReadAllText(Path.Combine(golden, Path.ChangeExtension(rel, ".abc"))), "golden");
                var ours = BarNotes.FromAbc(MusicXmlToAbc.ConvertFile(Path.Combine(shared, rel)), "ours");
                where = ours.FirstDifference(reference);
            }
            catch (Exception e) when (e is MusicFormatException or InvalidOperationException)
            {
                where = $"{e.GetType().Name}: {e.Message}";
            }
            if (where is null)
                Interlocked.Increment(ref agreeing);
            else
                differing.Add((rel, where));
        });
        var compared = rows.Count - excused;
        var rate = (double)agreeing / compared;
        output.WriteLine($"{agreeing} of {compared} golden files agree note for note ({rate:P2}); {excused} excused as wrong golden files.");
        foreach (var (file, where) in differing.OrderBy(d => d.File, StringComparer.Ordinal))
            output.WriteLine($"DIFF {file}: {where}");
        Assert.True(rows.Count > 1000, $"expected the full golden set, found {rows.Count} files");
        Assert.True(rate >= 0.98, $"only {rate:P2} of golden files agree; first differences:\n" +
            string.Join("\n", differing.OrderBy(d => d.File, StringComparer.Ordinal).Take(30).Select(d => $"{d.File}: {d.Where}")));
    }
}
