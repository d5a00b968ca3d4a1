using NotaGen.Music.Midi;
using Xunit;

namespace NotaGen.Music.Tests.Midi;

public class VariableLengthQuantityTests
{
    // The examples table of the Standard MIDI File specification 1.0.
    [Theory]
    [InlineData(0x00000000, new byte[] { 0x00 })]
    [InlineData(0x00000040, new byte[] { 0x40 })]
    [InlineData(0x0000007F, new byte[] { 0x7F })]
    [InlineData(0x00000080, new byte[] { 0x81, 0x00 })]
    [InlineData(0x00002000, new byte[] { 0xC0, 0x00 })]
    [InlineData(0x00003FFF, new byte[] { 0xFF, 0x7F })]
    [InlineData(0x00004000, new byte[] { 0x81, 0x80, 0x00 })]
    [InlineData(0x00100000, new byte[] { 0xC0, 0x80, 0x00 })]
    [InlineData(0x001FFFFF, new byte[] { 0xFF, 0xFF, 0x7F })]
    [InlineData(0x00200000, new byte[] { 0x81, 0x80, 0x80, 0x00 })]
    [InlineData(0x08000000, new byte[] { 0xC0, 0x80, 0x80, 0x00 })]
    [InlineData(0x0FFFFFFF, new byte[] { 0xFF, 0xFF, 0xFF, 0x7F })]
    public void EncodesAndDecodesTheSpecificationExamples(int value, byte[] encoded)
    {
        using var stream = new MemoryStream();
        VariableLengthQuantity.Write(stream, value);
        Assert.Equal(encoded, stream.ToArray());

        var position = 0;
        Assert.True(VariableLengthQuantity.TryRead(encoded, ref position, out var decoded, out _));
        Assert.Equal(value, decoded);
        Assert.Equal(encoded.Length, position);
    }

    [Fact]
    public void AFifthByteIsTooLong()
    {
        var position = 0;
        Assert.False(VariableLengthQuantity.TryRead([0x81, 0x80, 0x80, 0x80, 0x00], ref position, out _, out var tooLong));
        Assert.True(tooLong);
        Assert.Equal(0, position);
    }

    [Fact]
    public void RunningOutOfBytesIsNotTooLong()
    {
        var position = 0;
        Assert.False(VariableLengthQuantity.TryRead([0x81, 0x80], ref position, out _, out var tooLong));
        Assert.False(tooLong);
    }

    [Fact]
    public void ValuesBeyondFourBytesCannotBeWritten() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => VariableLengthQuantity.Write(Stream.Null, 0x10000000));
}
