using System.Globalization;
using System.Text.RegularExpressions;
namespace NotaGen.Testing;

/// <summary>Runs the independent abc2midi (Debian abcmidi) and reads what it writes.</summary>
public static partial class Abc2Midi
{
    /// <summary>
    /// abc2midi plays repeats (its bar list then revisits bars and records zero-length ones) and merges a short bar
    /// with the next one at a double bar. To compare plain bar durations fairly, the copy given to abc2midi has every
    /// repeat sign, double bar and volta number replaced by a plain bar line. Quoted chord symbols and annotations
    /// are removed too: abc2midi misreads the Roman-numeral analyses some corpora carry ("CV|HC}") as bar lines,
    /// and they take no time. Notes, rests and their lengths are untouched.
    /// </summary>
    public static string PlainBarlines(string text) => EachMusicPiece(text, Simplify);

    /// <summary>
    /// The text with what abc2midi performs rather than reads (decorations, chord symbols, annotations) removed, and
    /// bar lines, repeats and endings kept: for comparing the notes it plays, repeats included.
    /// </summary>
    public static string WithoutOrnaments(string text) => EachMusicPiece(text, music => Shorthand().Replace(Decoration().Replace(Quoted().Replace(music, ""), ""), ""));

    private static string EachMusicPiece(string text, Func<string, string> simplify)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.Length == 0 || line[0] == '%' || (line.Length > 1 && line[1] == ':' && char.IsAsciiLetter(line[0])))
                continue;
            // Inline fields ([K:D] [V:2]) are kept as they are; only the music between them is simplified.
            var pieces = InlineField().Split(line);
            var fields = InlineField().Matches(line);
            var builder = new System.Text.StringBuilder();
            for (var p = 0; p < pieces.Length; p++)
            {
                builder.Append(simplify(pieces[p]));
                if (p < fields.Count)
                    builder.Append(fields[p].Value);
            }
            lines[i] = builder.ToString();
        }
        return string.Join('\n', lines);
    }

    /// <summary>
    /// Removes what abc2midi performs rather than counts: decorations (it expands trills and rolls into notes that
    /// change bar lengths when tied), chord symbols and annotations; and makes every bar line plain.
    /// </summary>
    private static string Simplify(string music)
    {
        music = Quoted().Replace(music, "");
        music = Decoration().Replace(music, "");
        music = Shorthand().Replace(music, "");
        music = BarSymbol().Replace(music, "|");
        return VoltaStart().Replace(music, " ");
    }

    [GeneratedRegex(@"\[[A-Za-z]:[^\]]*\]")]
    private static partial Regex InlineField();

    [GeneratedRegex(@"![^!\s]*!|\+[^+\s]*\+")]
    private static partial Regex Decoration();

    [GeneratedRegex(@"[~H-Wh-w]|\.(?=[\[=^_A-Ga-g(.~H-Wh-w!])")]
    private static partial Regex Shorthand();

    [GeneratedRegex(@"\[\|\]|(?::*\[?\|+\]?:*|::)(?:[0-9][0-9,\-.]*)?")]
    private static partial Regex BarSymbol();

    [GeneratedRegex("\"[^\"]*\"")]
    private static partial Regex Quoted();

    [GeneratedRegex(@"\[[0-9][0-9,\-.]*")]
    private static partial Regex VoltaStart();

    /// <summary>
    /// Writes the MIDI file abc2midi makes of <paramref name="abcText"/> (playback options off: no grace notes,
    /// fermatas or guitar chords; chord notes struck together rather than abc2midi's default staggered attack).
    /// abc2midi carries an accidental to every octave of the step by default; ABC 2.1 (and the engine) carry it
    /// within the octave only, which abc2midi does when told <c>%%propagate-accidentals octave</c>.
    /// </summary>
    public static string WriteMidi(string abc2midi, string abcText, string workDirectory, string name)
    {
        var input = Path.Combine(workDirectory, name + ".abc");
        var output = Path.Combine(workDirectory, name + ".mid");
        var lines = abcText.Split('\n').ToList();
        var x = lines.FindIndex(l => l.StartsWith("X:", StringComparison.Ordinal));
        lines.InsertRange(x + 1, ["%%MIDI chordattack 0", "%%propagate-accidentals octave"]);
        File.WriteAllText(input, string.Join('\n', lines));
        Play(abc2midi, input, output, workDirectory, "-NFER", "-NGRA", "-NGUI", "-quiet");
        return output;
    }

    /// <summary>abc2midi on a file as written (no playback option but <paramref name="options"/>), writing <paramref name="midiFile"/>.</summary>
    public static ExternalTool.Result Play(string abc2midi, string abcFile, string midiFile, string workDirectory, params string[] options) =>
        ExternalTool.Run(abc2midi, [abcFile, "-o", midiFile, .. options], workDirectory, TimeSpan.FromMinutes(1));

    /// <summary>
    /// The lines of abc2midi's report that say it did not read a file cleanly: an error, or a bar whose length
    /// disagrees with the meter ("... time units", "... quarter notes long").
    /// </summary>
    public static IReadOnlyList<string> Complaints(ExternalTool.Result run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return (run.StandardOutput + run.StandardError).Split('\n')
            .Where(l => l.Contains("Error", StringComparison.Ordinal) || l.Contains("time units", StringComparison.Ordinal)
                || l.Contains("quarter notes long", StringComparison.Ordinal))
            .ToList();
    }

    /// <summary>Python (mido) that prints every note of every MIDI file named on the command line as JSON.</summary>
    public const string MidiDumpScript = """
        import json, sys, mido
        result = {}
        for path in sys.argv[1:]:
            try:
                midi = mido.MidiFile(path)
            except Exception as error:
                result[path] = {"error": str(error)}
                continue
            notes = []
            for track in midi.tracks:
                now, sounding = 0, {}
                for message in track:
                    now += message.time
                    if message.type == 'note_on' and message.velocity > 0:
                        sounding.setdefault((message.channel, message.note), []).append(now)
                    elif message.type in ('note_on', 'note_off'):
                        starts = sounding.get((message.channel, message.note))
                        if starts:
                            start = starts.pop(0)
                            notes.append([message.note, start, now - start])
            result[path] = {"ticks_per_beat": midi.ticks_per_beat, "notes": notes}
        print(json.dumps(result))
        """;

    /// <summary>Per-voice bar durations from barloc.txt, in units of each bar's meter denominator (abc2midi's "time units").</summary>
    public static List<List<decimal>>? BarDurations(string abc2midi, string abcText, string workDirectory)
    {
        var input = Path.Combine(workDirectory, "tune.abc");
        File.WriteAllText(input, abcText);
        // Playback options off: -NFER (abc2midi lengthens fermata notes), -NGRA (grace notes steal time), -NGUI.
        ExternalTool.Run(abc2midi, [input, "-c", "-NFER", "-NGRA", "-NGUI"], workDirectory, TimeSpan.FromSeconds(60));
        var barloc = Path.Combine(workDirectory, "barloc.txt");
        if (!File.Exists(barloc))
            return null;
        var tracks = new List<List<decimal>>();
        foreach (var line in File.ReadLines(barloc))
        {
            if (line.StartsWith("track", StringComparison.Ordinal))
            {
                tracks.Add([]);
                continue;
            }
            foreach (var value in line.Split(['\t', ' '], StringSplitOptions.RemoveEmptyEntries))
                tracks[^1].Add(decimal.Parse(value, CultureInfo.InvariantCulture));
        }
        // Track 0 repeats the first voice when there are several tracks.
        return tracks.Count > 1 ? tracks.Skip(1).ToList() : tracks;
    }
}
