using NotaGen.Music.Abc.Parsing;
using NotaGen.Music.Abc.Semantics;
using NotaGen.Testing;
using Xunit;

namespace NotaGen.Cli.Tests;

public sealed class ConvertCommandTests
{
    private static string Example => Path.Combine(RepositoryRoot.Require(), "data", "examples", "minuet.abc");

    private static List<(string Onset, string Duration, int Pitch)> Notes(string abcPath)
    {
        var document = AbcParser.Parse(File.ReadAllText(abcPath), abcPath);
        Assert.False(document.HasErrors, string.Join("\n", document.Errors));
        return document.Tunes[0].ToScoreEvents(abcPath).Notes
            .Select(n => (n.Onset.ToString(), n.Duration.ToString(), n.Pitch)).Order().ToList();
    }

    [Fact]
    public void Abc_to_midi_and_back_keeps_every_note()
    {
        using var temp = new TempDirectory();
        var toMidi = Notagen.Run(temp.Path, "convert", Example, "minuet.mid");
        Assert.True(toMidi.ExitCode == 0, toMidi.StandardError);
        var back = Notagen.Run(temp.Path, "convert", "minuet.mid", "minuet.abc");
        Assert.True(back.ExitCode == 0, back.StandardError);
        Assert.Equal(Notes(Example), Notes(temp.File("minuet.abc")));
    }

    [Fact]
    public void Midi_import_takes_the_unit_and_writes_interleaved_abc_on_request()
    {
        using var temp = new TempDirectory();
        Assert.Equal(0, Notagen.Run(temp.Path, "convert", Example, "m.mid").ExitCode);
        Assert.Equal(0, Notagen.Run(temp.Path, "convert", "m.mid", "m16.abc", "--unit", "1/16").ExitCode);
        Assert.Contains("\nL:1/16\n", File.ReadAllText(temp.File("m16.abc")));
        var interleaved = Notagen.Run(temp.Path, "convert", "m.mid", "mi.abc", "--interleaved");
        Assert.True(interleaved.ExitCode == 0, interleaved.StandardError);
        Assert.Contains("[r:0/", File.ReadAllText(temp.File("mi.abc")));
        // And back: the interleaved text restores to the same notes as MIDI.
        Assert.Equal(0, Notagen.Run(temp.Path, "convert", "mi.abc", "back.mid", "--interleaved").ExitCode);
        Assert.Equal(0, Notagen.Run(temp.Path, "convert", "back.mid", "back.abc").ExitCode);
        Assert.Equal(Notes(Example), Notes(temp.File("back.abc")));
    }

    [Fact]
    public void A_truncated_midi_file_is_reported_with_track_and_byte_and_exit_code_1()
    {
        using var temp = new TempDirectory();
        File.WriteAllBytes(temp.File("cut.mid"), [.. "MThd"u8, 0, 0, 0, 6, 0, 0, 0, 1, 1, 0xE0, .. "MTrk"u8, 0, 0, 0, 4, 0, 0x90, 60]);
        var result = Notagen.Run(temp.Path, "convert", "cut.mid", "cut.abc");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("cut.mid:track 1, byte", result.StandardError);
        Assert.False(File.Exists(temp.File("cut.abc")));
    }

    [Fact]
    public void A_bad_grid_is_a_usage_error()
    {
        using var temp = new TempDirectory();
        var result = Notagen.Run(temp.Path, "convert", Example, "x.abc", "--grid", "1/3");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--grid 1/3", result.StandardError);
    }

    [Theory]
    [InlineData("midi", ".mid")]
    [InlineData("musicxml", ".musicxml")]
    public void Folder_mode_mirrors_the_tree_continues_past_bad_files_and_lists_them(string to, string extension)
    {
        using var temp = new TempDirectory();
        var input = Directory.CreateDirectory(temp.File("in"));
        Directory.CreateDirectory(Path.Combine(input.FullName, "sub"));
        File.Copy(Example, Path.Combine(input.FullName, "sub", "minuet.abc"));
        File.WriteAllText(Path.Combine(input.FullName, "broken.abc"), "X:1\nK:C\n[CEG\n");
        File.WriteAllBytes(Path.Combine(input.FullName, "noise.mid"), [1, 2, 3, 4, 5, 6, 7, 8, 9]);
        File.WriteAllText(Path.Combine(input.FullName, "notes.txt"), "not a score");

        var result = Notagen.Run(temp.Path, "convert", "in", "out", "--to", to);
        Assert.Equal(3, result.ExitCode);
        Assert.True(File.Exists(temp.File(Path.Combine("out", "sub", "minuet" + extension))), result.StandardOutput + result.StandardError);
        var rejects = File.ReadAllLines(temp.File(Path.Combine("out", "rejects.tsv")));
        Assert.Equal("path\treason", rejects[0]);
        var rejected = rejects.Skip(1).Select(l => l.Split('\t')[0]).Order().ToList();
        Assert.Equal(to == "midi" ? ["broken.abc"] : ["broken.abc", "noise.mid"], rejected);
        Assert.Contains($"1 converted, {rejected.Count} rejected", result.StandardOutput);
    }

    /// <summary>
    /// The issue's own example: <c>IN/a/b.mxl</c> → <c>OUT/a/b.abc</c>; a damaged .mxl and a MusicXML file without
    /// divisions are listed in rejects.tsv with the reason (and the part and measure), the good scores are still
    /// written, and with standard error redirected no progress bar is drawn into the log.
    /// </summary>
    [Fact]
    public void Folder_mode_to_abc_mirrors_compressed_musicxml_and_records_why_files_were_rejected()
    {
        using var temp = new TempDirectory();
        var input = Directory.CreateDirectory(temp.File("in"));
        var nested = Directory.CreateDirectory(Path.Combine(input.FullName, "a"));
        using (var zip = System.IO.Compression.ZipFile.Open(Path.Combine(nested.FullName, "b.mxl"), System.IO.Compression.ZipArchiveMode.Create))
        {
            using (var w = new StreamWriter(zip.CreateEntry("META-INF/container.xml").Open()))
                w.Write("<container><rootfiles><rootfile full-path=\"b.xml\"/></rootfiles></container>");
            using (var w = new StreamWriter(zip.CreateEntry("b.xml").Open()))
                w.Write(Score("<attributes><divisions>2</divisions><time><beats>2</beats><beat-type>4</beat-type></time></attributes>"));
        }
        File.WriteAllBytes(Path.Combine(input.FullName, "damaged.mxl"), [(byte)'P', (byte)'K', 3, 4, 9, 9, 9, 9]);
        File.WriteAllText(Path.Combine(nested.FullName, "nodiv.musicxml"), Score("<attributes><time><beats>2</beats><beat-type>4</beat-type></time></attributes>"));

        var result = Notagen.Run(temp.Path, "convert", "in", "out", "--to", "abc");
        Assert.Equal(3, result.ExitCode);
        var abc = File.ReadAllText(temp.File(Path.Combine("out", "a", "b.abc")));
        Assert.Contains("C2 D2", abc, StringComparison.Ordinal);
        var rejects = File.ReadAllLines(temp.File(Path.Combine("out", "rejects.tsv"))).Skip(1).Select(l => l.Split('\t')).ToList();
        Assert.Equal(["a/nodiv.musicxml", "damaged.mxl"], rejects.Select(r => r[0]).Order(StringComparer.Ordinal));
        Assert.Contains("not a readable zip", rejects.Single(r => r[0] == "damaged.mxl")[1], StringComparison.Ordinal);
        Assert.Contains("(part P1, measure 1)", rejects.Single(r => r[0] == "a/nodiv.musicxml")[1], StringComparison.Ordinal);
        Assert.Contains("1 converted, 2 rejected", result.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("\r[", result.StandardError, StringComparison.Ordinal);
    }

    /// <summary>
    /// A batch never overwrites: song.abc, song.xml and song.mxl all become MIDI under distinct names, and the renames
    /// are reported. A symbolic link loop in the input (<c>self -&gt; .</c>) is not followed, and a file name with a tab
    /// and a newline cannot forge a row of rejects.tsv.
    /// </summary>
    [Fact]
    public void Folder_mode_never_overwrites_never_follows_folder_links_and_escapes_rejects()
    {
        using var temp = new TempDirectory();
        var input = Directory.CreateDirectory(temp.File("in"));
        File.Copy(Example, Path.Combine(input.FullName, "song.abc"));
        using (var zip = System.IO.Compression.ZipFile.Open(Path.Combine(input.FullName, "song.mxl"), System.IO.Compression.ZipArchiveMode.Create))
        using (var w = new StreamWriter(zip.CreateEntry("song.xml").Open()))
            w.Write(Score("<attributes><divisions>2</divisions><time><beats>2</beats><beat-type>4</beat-type></time></attributes>"));
        File.WriteAllText(Path.Combine(input.FullName, "song.xml"), Score("<attributes><divisions>2</divisions><time><beats>2</beats><beat-type>4</beat-type></time></attributes>"));
        File.CreateSymbolicLink(Path.Combine(input.FullName, "self"), ".");
        File.WriteAllText(Path.Combine(input.FullName, "bad\tname\nforged\trow.abc"), "X:1\nK:C\n[CEG\n");

        var result = Notagen.Run(temp.Path, "convert", "in", "out", "--to", "midi");
        Assert.Equal(3, result.ExitCode);
        var written = Directory.GetFiles(temp.File("out"), "*.mid").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["song.mid", "song.mxl.mid", "song.xml.mid"], written);
        Assert.Contains("song.mxl: written as song.mxl.mid", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("a symbolic link to a folder, not followed", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("3 converted, 1 rejected", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("2 renamed", result.StandardOutput, StringComparison.Ordinal);
        var rows = File.ReadAllLines(temp.File(Path.Combine("out", "rejects.tsv")));
        Assert.Equal(2, rows.Length);
        Assert.Equal(2, rows[1].Split('\t').Length);
        Assert.StartsWith("bad\\tname\\nforged\\trow.abc\t", rows[1], StringComparison.Ordinal);
    }

    /// <summary>An .mxl whose container.xml cannot be read is one reject of the batch, never a stack trace.</summary>
    [Fact]
    public void Folder_mode_lists_an_mxl_with_a_damaged_container_and_goes_on()
    {
        using var temp = new TempDirectory();
        var input = Directory.CreateDirectory(temp.File("in"));
        File.Copy(Example, Path.Combine(input.FullName, "a.abc"));
        var mxl = Path.Combine(input.FullName, "b.mxl");
        using (var zip = System.IO.Compression.ZipFile.Open(mxl, System.IO.Compression.ZipArchiveMode.Create))
        {
            using (var w = new StreamWriter(zip.CreateEntry("META-INF/container.xml").Open()))
                w.Write("<container><rootfiles><rootfile full-path=\"b.xml\"/></rootfiles></container>");
            using (var w = new StreamWriter(zip.CreateEntry("b.xml").Open()))
                w.Write(Score("<attributes><divisions>2</divisions></attributes>"));
        }
        // container.xml claims LZMA (method 14), which zip readers lack: in the local header and the central directory.
        var bytes = File.ReadAllBytes(mxl);
        bytes[8] = 14;
        bytes[bytes.AsSpan().IndexOf("PK\u0001\u0002"u8) + 10] = 14;
        File.WriteAllBytes(mxl, bytes);

        var result = Notagen.Run(temp.Path, "convert", "in", "out", "--to", "midi");
        Assert.Equal(3, result.ExitCode);
        Assert.DoesNotContain("   at ", result.StandardError, StringComparison.Ordinal);
        Assert.True(File.Exists(temp.File(Path.Combine("out", "a.mid"))));
        var rows = File.ReadAllLines(temp.File(Path.Combine("out", "rejects.tsv")));
        Assert.StartsWith("b.mxl\t", rows[1], StringComparison.Ordinal);
        Assert.Contains("1 converted, 1 rejected", result.StandardOutput, StringComparison.Ordinal);
    }

    /// <summary>
    /// A file that never finishes (a named pipe nobody writes to: reading it blocks for ever) is given up on after the
    /// per-file time limit and listed; the rest of the batch is converted and the command ends.
    /// </summary>
    [SkippableFact]
    public void Folder_mode_gives_up_on_a_file_past_the_time_limit_and_goes_on()
    {
        var mkfifo = ExternalTool.Require("mkfifo", "coreutils");
        using var temp = new TempDirectory();
        var input = Directory.CreateDirectory(temp.File("in"));
        File.Copy(Example, Path.Combine(input.FullName, "a.abc"));
        ExternalTool.Run(mkfifo, [Path.Combine(input.FullName, "stuck.abc")], temp.Path, TimeSpan.FromSeconds(10));

        var result = Notagen.Run(temp.Path, "convert", "in", "out", "--to", "midi", "--file-timeout", "2");
        Assert.Equal(3, result.ExitCode);
        Assert.True(File.Exists(temp.File(Path.Combine("out", "a.mid"))));
        var rows = File.ReadAllLines(temp.File(Path.Combine("out", "rejects.tsv")));
        Assert.StartsWith("stuck.abc\tgave up after 2 s", rows[1], StringComparison.Ordinal);
        Assert.Contains("1 converted, 1 rejected", result.StandardOutput, StringComparison.Ordinal);
    }

    /// <summary>
    /// A file whose conversion takes long (60,000 measures, about 8 MB of MusicXML) is given up on at the time limit,
    /// and its work stops there (the reader checks the cancellation as it goes) instead of running on in the background.
    /// </summary>
    [Fact]
    public void Folder_mode_stops_the_work_of_a_file_past_the_time_limit()
    {
        using var temp = new TempDirectory();
        var input = Directory.CreateDirectory(temp.File("in"));
        var xml = new System.Text.StringBuilder("<score-partwise version=\"4.0\"><part-list><score-part id=\"P1\"><part-name>Flute</part-name></score-part></part-list><part id=\"P1\">\n");
        for (var m = 1; m <= 60_000; m++)
        {
            xml.Append("<measure number=\"").Append(m).Append("\">")
                .Append(m == 1 ? "<attributes><divisions>2</divisions><time><beats>1</beats><beat-type>4</beat-type></time></attributes>" : "")
                .Append("<note><pitch><step>C</step><octave>4</octave></pitch><duration>2</duration><voice>1</voice><type>quarter</type></note></measure>\n");
        }
        File.WriteAllText(Path.Combine(input.FullName, "long.musicxml"), xml.Append("</part></score-partwise>").ToString());

        var result = Notagen.Run(temp.Path, "convert", "in", "out", "--to", "abc", "--file-timeout", "0.1");
        Assert.Equal(3, result.ExitCode);
        Assert.False(File.Exists(temp.File(Path.Combine("out", "long.abc"))));
        var rows = File.ReadAllLines(temp.File(Path.Combine("out", "rejects.tsv")));
        Assert.Equal("long.musicxml\tgave up after 0.1 s (the per-file time limit, --file-timeout); its work stopped", rows[1]);
    }

    /// <summary>
    /// The same for ABC and MIDI input: a long ABC tune (80,000 bars on one line) and a long MIDI file (100,000 notes)
    /// are given up on at the time limit and their work stops (the ABC parser and interpreter and the MIDI import check
    /// the cancellation as they go).
    /// </summary>
    [Fact]
    public void Folder_mode_stops_the_work_of_a_long_abc_or_midi_file_past_the_time_limit()
    {
        using var temp = new TempDirectory();
        var input = Directory.CreateDirectory(temp.File("in"));
        var abc = new System.Text.StringBuilder("X:1\nT:long\nL:1/8\nM:4/4\nK:C\n");
        for (var b = 0; b < 80_000; b++)
            abc.Append("CDEF GABc|");
        File.WriteAllText(Path.Combine(input.FullName, "long.abc"), abc.Append('\n').ToString());
        var events = new List<NotaGen.Music.Midi.MidiEvent>();
        for (var n = 0; n < 100_000; n++)
        {
            events.Add(new NotaGen.Music.Midi.NoteOnEvent(n * 240L, 0, 60 + (n % 12), 64));
            events.Add(new NotaGen.Music.Midi.NoteOffEvent((n * 240L) + 240, 0, 60 + (n % 12)));
        }
        var midi = new NotaGen.Music.Midi.MidiFile(0, 480, [new NotaGen.Music.Midi.MidiTrack(events.OrderBy(e => e.Tick).ToList())]);
        NotaGen.Music.Midi.SmfWriter.WriteFile(midi, Path.Combine(input.FullName, "long.mid"));

        var result = Notagen.Run(temp.Path, "convert", "in", "out", "--to", "musicxml", "--file-timeout", "0.1", "--jobs", "2");
        Assert.Equal(3, result.ExitCode);
        Assert.False(File.Exists(temp.File(Path.Combine("out", "long.musicxml"))));
        var rows = File.ReadAllLines(temp.File(Path.Combine("out", "rejects.tsv")));
        Assert.Equal(
            ["path\treason",
             "long.abc\tgave up after 0.1 s (the per-file time limit, --file-timeout); its work stopped",
             "long.mid\tgave up after 0.1 s (the per-file time limit, --file-timeout); its work stopped"],
            rows);
    }

    private static string Score(string attributes) =>
        "<score-partwise version=\"4.0\"><part-list><score-part id=\"P1\"><part-name>Flute</part-name></score-part></part-list>" +
        "<part id=\"P1\"><measure number=\"1\">" + attributes +
        "<note><pitch><step>C</step><octave>4</octave></pitch><duration>2</duration><voice>1</voice><type>quarter</type></note>" +
        "<note><pitch><step>D</step><octave>4</octave></pitch><duration>2</duration><voice>1</voice><type>quarter</type></note>" +
        "</measure></part></score-partwise>";
}
