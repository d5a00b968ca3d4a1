using NotaGen.Music.Midi;
using NotaGen.Music.Midi.Import;
using Xunit;

namespace NotaGen.Music.Tests.Midi.Import;

/// <summary>Files whose timing would make the import grow without bound are refused, naming where, before any bar is built.</summary>
public class MidiImportLimitsTests
{
    [Fact]
    public void A_37_byte_file_with_one_note_of_2_to_the_28_ticks_at_one_tick_per_quarter_is_refused()
    {
        // Note on, 2^28 - 1 ticks (the longest delta-time), note off, end of track.
        var bytes = SmfBytes.File(0, 1, [0x00, 0x90, 0x3C, 0x40, 0xFF, 0xFF, 0xFF, 0x7F, 0x80, 0x3C, 0x00, 0x00, 0xFF, 0x2F, 0x00]);
        Assert.Equal(37, bytes.Length);
        var error = Assert.Throws<MusicFormatException>(() => MidiToAbc.Convert(SmfReader.Parse(bytes, "long.mid"), "long.mid"));
        Assert.Equal("track 1, tick 268435455", error.Location);
        Assert.Contains($"past the import limit of {MidiLimits.MaxImportedQuarterNotes}", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_1_1024_meter_that_cuts_a_piece_into_too_many_bars_is_refused()
    {
        // Time signature 1/1024, then one note of 100 whole notes (192,000 ticks at 480 per quarter): 102,400 bars.
        var bytes = SmfBytes.File(0, 480,
            [0x00, 0xFF, 0x58, 0x04, 0x01, 0x0A, 0x18, 0x08, 0x00, 0x90, 0x3C, 0x40, 0x8B, 0xDC, 0x00, 0x80, 0x3C, 0x00, 0x00, 0xFF, 0x2F, 0x00]);
        var error = Assert.Throws<MusicFormatException>(() => MidiToAbc.Convert(SmfReader.Parse(bytes, "fine.mid"), "fine.mid"));
        Assert.Contains($"more than {MidiLimits.MaxImportedBars} bars", error.Problem, StringComparison.Ordinal);
        Assert.Equal("tick 192000", error.Location);
    }
}
