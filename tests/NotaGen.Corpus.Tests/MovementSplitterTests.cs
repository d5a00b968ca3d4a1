using System.Text;
using System.Xml.Linq;
using NotaGen.Corpus.Building;
using NotaGen.Corpus.Labels;
using NotaGen.Corpus.Output;
using NotaGen.Corpus.Sources;
using NotaGen.Music.MusicXml;
using NotaGen.Testing;
using Xunit;

namespace NotaGen.Corpus.Tests;

public class MovementSplitterTests
{
    /// <summary>One measure of a hand-made two-part score: its number, an optional heading, and its right barline.</summary>
    private sealed record Bar(string Number, string? Words = null, bool Final = false, int? Fifths = null, string? Time = null);

    /// <summary>A two-part score (violin, cello) whose every measure is a whole note; attributes only where given.</summary>
    private static XDocument Score(params Bar[] bars)
    {
        var text = new StringBuilder("<score-partwise version=\"4.0\"><part-list>"
            + "<score-part id=\"P1\"><part-name>Violin</part-name></score-part>"
            + "<score-part id=\"P2\"><part-name>Violoncello</part-name></score-part></part-list>");
        foreach (var (id, octave, clef) in new[] { ("P1", 5, "<sign>G</sign><line>2</line>"), ("P2", 3, "<sign>F</sign><line>4</line>") })
        {
            text.Append($"<part id=\"{id}\">");
            for (var i = 0; i < bars.Length; i++)
            {
                var bar = bars[i];
                var (beats, type) = bar.Time is { } t ? (t.Split('/')[0], t.Split('/')[1]) : ("4", "4");
                text.Append($"<measure number=\"{bar.Number}\">");
                if (i == 0)
                    text.Append($"<attributes><divisions>2</divisions><key><fifths>{bar.Fifths ?? 0}</fifths></key>"
                        + $"<time><beats>{beats}</beats><beat-type>{type}</beat-type></time><clef>{clef}</clef></attributes>");
                else if (bar.Fifths is not null || bar.Time is not null)
                    text.Append("<attributes>"
                        + (bar.Fifths is { } f ? $"<key><fifths>{f}</fifths></key>" : "")
                        + (bar.Time is not null ? $"<time><beats>{beats}</beats><beat-type>{type}</beat-type></time>" : "")
                        + "</attributes>");
                if (bar.Words is not null && id == "P1")
                    text.Append($"<direction placement=\"above\"><direction-type><words>{bar.Words}</words></direction-type></direction>");
                var duration = bar.Time == "3/4" ? 6 : 8;
                text.Append($"<note><pitch><step>C</step><octave>{octave}</octave></pitch><duration>{duration}</duration><type>{(duration == 6 ? "half" : "whole")}</type>{(duration == 6 ? "<dot/>" : "")}</note>");
                if (bar.Final)
                    text.Append("<barline location=\"right\"><bar-style>light-heavy</bar-style></barline>");
                text.Append("</measure>");
            }
            text.Append("</part>");
        }
        text.Append("</score-partwise>");
        return MusicXmlLoader.Parse(text.ToString(), "hand-made");
    }

    private static Bar[] Movement(int from, int count, string? heading = null, bool final = true, int? fifths = null, string? time = null) =>
        Enumerable.Range(from, count).Select((n, i) => new Bar(
            n.ToString(System.Globalization.CultureInfo.InvariantCulture),
            i == 0 ? heading : null,
            final && i == count - 1,
            i == 0 ? fifths : null,
            i == 0 ? time : null)).ToArray();

    [Fact]
    public void Final_barline_and_restarted_numbers_start_a_movement()
    {
        var score = Score([.. Movement(1, 10, "I.", fifths: 2), .. Movement(1, 9, "Andante", fifths: -1, time: "3/4"), .. Movement(0, 9)]);
        Assert.Equal([10, 19], MovementSplitter.MovementStarts(score));
    }

    [Fact]
    public void Final_barline_and_a_roman_heading_start_a_movement_even_when_numbers_run_on()
    {
        var score = Score([.. Movement(1, 10, "I. Allegro"), .. Movement(11, 9, "II"), .. Movement(20, 9, "III. Scherzo")]);
        Assert.Equal([10, 19], MovementSplitter.MovementStarts(score));
    }

    [Fact]
    public void Attacca_movement_without_final_barline_needs_both_restart_and_heading()
    {
        var score = Score([.. Movement(1, 10, "I.", final: false), .. Movement(1, 9, "II.", final: false), .. Movement(1, 9, "Presto", final: false)]);
        Assert.Equal([10], MovementSplitter.MovementStarts(score));
    }

    [Fact]
    public void Variations_ending_in_final_barlines_with_new_tempos_are_one_movement()
    {
        // A theme and variations: every variation ends light-heavy and the next opens with a tempo; numbers run on.
        var score = Score([.. Movement(1, 8, "Andante"), .. Movement(9, 8, "Doppio movimento"), .. Movement(17, 8, "Vivace")]);
        Assert.Empty(MovementSplitter.MovementStarts(score));
        Assert.Single(MovementSplitter.Split(score));
    }

    [Fact]
    public void Each_movement_restates_the_key_meter_and_clef_in_force()
    {
        // Movement 2 changes only the key at its start; the meter, divisions and clefs come from measure 1.
        var score = Score([.. Movement(1, 10, "I.", fifths: 2, time: "3/4"), .. Movement(1, 9, "II.", fifths: -1), .. Movement(1, 8, "III.")]);
        var movements = MovementSplitter.Split(score);
        Assert.Equal(3, movements.Count);
        Assert.Equal([10, 9, 8], movements.Select(m => m.Root!.Elements("part").First().Elements("measure").Count()));
        var second = MusicXmlToAbc.Convert(movements[1], "hand-made").Abc;
        Assert.Contains("K:F", second);
        Assert.Contains("M:3/4", second);
        Assert.Matches(@"(?m)^V:2 .*bass", second);
        var third = MusicXmlToAbc.Convert(movements[2], "hand-made").Abc;
        Assert.Contains("K:F", third);
        // The original document is left whole.
        Assert.Equal(27, score.Root!.Elements("part").First().Elements("measure").Count());
    }

    [Fact]
    public void A_multi_movement_file_becomes_one_piece_per_movement_sharing_labels_and_split()
    {
        using var temp = new TempDirectory();
        var input = Path.Combine(temp.Path, "in");
        Directory.CreateDirectory(input);
        Score([.. Movement(1, 10, "I.", fifths: 2), .. Movement(1, 9, "II.", fifths: -1, time: "3/4"), .. Movement(1, 8, "III.")])
            .Save(Path.Combine(input, "quartet.musicxml"));
        var labels = Path.Combine(temp.Path, "labels.tsv");
        File.WriteAllText(labels, "path\tcomposer\tperiod\tinstrumentation\tdup_group\nquartet.musicxml\tHaydn, Joseph\tClassical\tChamber\tq1\n");
        var output = Path.Combine(temp.Path, "out");
        var manifest = new CorpusBuilder(new CorpusBuildOptions { Inputs = [input], Output = output, LabelsPath = labels }, ComposerPeriods.Bundled).Build();

        var pieces = CorpusReader.ReadShards(output).ToList();
        Assert.Equal(["quartet.musicxml#1", "quartet.musicxml#2", "quartet.musicxml#3"], pieces.Select(p => p.Id));
        Assert.Equal([10, 9, 8], pieces.Select(p => p.Bars));
        Assert.Equal(["D", "F", "F"], pieces.Select(p => p.Key));
        Assert.All(pieces, p => Assert.Equal("Chamber", p.Labels!.Instrumentation));
        Assert.Single(pieces.Select(p => p.Split).Distinct());
        Assert.Equal(3, manifest.Files.Single().Pieces);
        Assert.Contains("Multi-movement", File.ReadAllText(Path.Combine(output, "DATA_CARD.md")));
    }
}
