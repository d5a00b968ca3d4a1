using NotaGen.Music.Midi;
using Xunit;

namespace NotaGen.Music.Tests.Midi;

public class SmfReaderTests
{
    // A format 0 track with meta events, running status, a note-on with velocity 0, a note-off and a sysex.
    private static readonly byte[] Track =
    [
        0x00, 0xFF, 0x03, 0x05, (byte)'P', (byte)'i', (byte)'a', (byte)'n', (byte)'o',
        0x00, 0xFF, 0x51, 0x03, 0x07, 0xA1, 0x20,
        0x00, 0xFF, 0x58, 0x04, 0x03, 0x02, 0x18, 0x08,
        0x00, 0xFF, 0x59, 0x02, 0xFE, 0x01,
        0x00, 0xC0, 0x05,
        0x00, 0x90, 0x3C, 0x40,
        0x00, 0x3E, 0x50,
        0x83, 0x60, 0x3C, 0x00,
        0x00, 0x80, 0x3E, 0x40,
        0x00, 0xF0, 0x03, 0x01, 0x02, 0xF7,
        0x81, 0x00, 0xFF, 0x2F, 0x00,
    ];

    [Fact]
    public void ReadsMetaEventsRunningStatusAndNoteOffs()
    {
        var file = SmfReader.Parse(SmfBytes.File(0, 96, Track), "t.mid");

        Assert.Equal(0, file.Format);
        Assert.Equal(96, file.TicksPerQuarter);
        var track = Assert.Single(file.Tracks);
        MidiEvent[] expected =
        [
            new TrackNameEvent(0, "Piano"),
            new SetTempoEvent(0, 500_000),
            new TimeSignatureEvent(0, 3, 4, 24, 8),
            new KeySignatureEvent(0, -2, true),
            new ProgramChangeEvent(0, 0, 5),
            new NoteOnEvent(0, 0, 60, 64),
            new NoteOnEvent(0, 0, 62, 80),
            new NoteOffEvent(480, 0, 60, 0),
            new NoteOffEvent(480, 0, 62, 64),
        ];
        Assert.Equal(expected, track.Events);
        Assert.Equal(608, track.EndTick);
        Assert.Equal("Piano", track.Name);
    }

    [Fact]
    public void WriterOutputReadsBackToTheSameEvents()
    {
        var original = SmfReader.Parse(SmfBytes.File(1, 480, Track, Track), "t.mid");
        var again = SmfReader.Parse(SmfWriter.ToBytes(original), "again.mid");
        Assert.Equal(original.Tracks.Count, again.Tracks.Count);
        for (var i = 0; i < original.Tracks.Count; i++)
        {
            Assert.Equal(original.Tracks[i].Events, again.Tracks[i].Events);
            Assert.Equal(original.Tracks[i].EndTick, again.Tracks[i].EndTick);
        }
    }

    [Theory]
    [InlineData("Flöte")]
    [InlineData("Скрипка")]
    [InlineData("笛")]
    public void TrackNamesReadBackUnchanged(string name)
    {
        var file = new MidiFile(0, 96, [new MidiTrack([new TrackNameEvent(0, name)])]);
        Assert.Equal(name, SmfReader.Parse(SmfWriter.ToBytes(file), "t.mid").Tracks[0].Name);
    }

    [Fact]
    public void WriterRefusesEventsOutOfTimeOrder()
    {
        var file = new MidiFile(0, 96, [new MidiTrack([new NoteOnEvent(10, 0, 60, 64), new NoteOffEvent(5, 0, 60)])]);
        Assert.Throws<ArgumentException>(() => SmfWriter.ToBytes(file));
    }

    [Fact]
    public void UnknownChunksAreSkipped()
    {
        var bytes = SmfBytes.File(0, 96, Track).ToList();
        // An alien chunk between header and track, as the standard allows.
        bytes.InsertRange(14, [.. "XFIR"u8.ToArray(), 0, 0, 0, 2, 0xAB, 0xCD]);
        var file = SmfReader.Parse(bytes.ToArray(), "t.mid");
        Assert.Equal(9, Assert.Single(file.Tracks).Events.Count);
    }

    public static TheoryData<string, byte[], string> BadInputs()
    {
        var good = SmfBytes.File(0, 96, Track);
        byte[] header = good[..14];
        return new()
        {
            { "not a MIDI file", "RIFF...."u8.ToArray(), "header, byte 0" },
            { "truncated file", good[..40], "track 1, byte 18" },
            { "file ends before a track", header, "track 1, byte 14" },
            { "bad chunk header", [.. header, 0x01, 0x02, 0x03, 0x04, 0, 0, 0, 0], "track 1, byte 14" },
            { "absurd chunk length", [.. header, .. "MTrk"u8.ToArray(), 0xFF, 0xFF, 0xFF, 0xF0, 0x00], "track 1, byte 18" },
            { "absurd header length", [.. "MThd"u8.ToArray(), 0x7F, 0xFF, 0xFF, 0xFF, 0, 0, 0, 1, 0, 96], "header, byte 4" },
            { "running status with no status", SmfBytes.File(0, 96, [0x00, 0x3C, 0x40]), "track 1, byte 23" },
            { "absurd tempo", SmfBytes.File(0, 96, [0x00, 0xFF, 0x51, 0x03, 0x00, 0x00, 0x00]), "track 1, byte 23" },
            { "variable-length quantity too long", SmfBytes.File(0, 96, [0xFF, 0xFF, 0xFF, 0xFF, 0x00]), "track 1, byte 22" },
            { "meta event longer than its track", SmfBytes.File(0, 96, [0x00, 0xFF, 0x01, 0x7F, 0x41]), "track 1, byte 23" },
            { "sysex longer than its track", SmfBytes.File(0, 96, [0x00, 0xF0, 0x8F, 0xFF, 0xFF, 0x7F]), "track 1, byte 23" },
            { "status byte inside a message", SmfBytes.File(0, 96, [0x00, 0x90, 0x3C, 0x90]), "track 1, byte 25" },
            { "message cut by the track end", SmfBytes.File(0, 96, [0x00, 0x90, 0x3C]), "track 1, byte 23" },
            { "real-time byte", SmfBytes.File(0, 96, [0x00, 0xF8]), "track 1, byte 23" },
            { "SMPTE division", [.. good[..12], 0xE7, 0x28, .. good[14..]], "header, byte 12" },
            { "second track missing", [.. good[..10], 0, 2, .. good[12..]], $"track 2, byte {good.Length}" },
        };
    }

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void BadInputNamesFileTrackAndByte(string what, byte[] bytes, string location)
    {
        var error = Assert.Throws<MusicFormatException>(() => SmfReader.Parse(bytes, "bad.mid"));
        Assert.True(error.Message.StartsWith($"bad.mid:{location}: ", StringComparison.Ordinal), $"{what}: {error.Message}");
        Assert.Equal(location, error.Location);
    }

    [Fact]
    public void ReadingAStreamLargerThanTheCapIsRefusedWithoutBufferingIt()
    {
        using var huge = new EndlessStream();
        var error = Assert.Throws<MusicFormatException>(() => new SmfReader().Read(huge, "huge.mid"));
        Assert.Contains("larger than", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A non-seekable stream of zero bytes that never ends.</summary>
    private sealed class EndlessStream : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count)
        {
            Array.Clear(buffer, offset, count);
            return count;
        }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
