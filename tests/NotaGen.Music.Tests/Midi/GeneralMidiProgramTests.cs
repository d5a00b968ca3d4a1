using NotaGen.Music.Midi;
using Xunit;

namespace NotaGen.Music.Tests.Midi;

public class GeneralMidiProgramTests
{
    // Program numbers from the General MIDI 1 sound set, 0-based.
    [Theory]
    [InlineData("Piano", 0)]
    [InlineData("Klavier", 0)]
    [InlineData("Pno.", 0)]
    [InlineData("Violin I", 40)]
    [InlineData("Violine 2", 40)]
    [InlineData("Violino primo", 40)]
    [InlineData("Vln. 2", 40)]
    [InlineData("Viola", 41)]
    [InlineData("Bratsche", 41)]
    [InlineData("Violoncello", 42)]
    [InlineData("Cello", 42)]
    [InlineData("Vc.", 42)]
    [InlineData("Contrabass", 43)]
    [InlineData("Kontrabass", 43)]
    [InlineData("Double Bass", 43)]
    [InlineData("Flute", 73)]
    [InlineData("Flöte 1", 73)]
    [InlineData("Flûte", 73)]
    [InlineData("Flauto traverso", 73)]
    [InlineData("Piccolo", 72)]
    [InlineData("Blockflöte", 74)]
    [InlineData("Oboe", 68)]
    [InlineData("Hautbois", 68)]
    [InlineData("English Horn", 69)]
    [InlineData("Cor anglais", 69)]
    [InlineData("Clarinet in B♭", 71)]
    [InlineData("Klarinette in A", 71)]
    [InlineData("Bass Clarinet", 71)]
    [InlineData("Bassoon", 70)]
    [InlineData("Fagott", 70)]
    [InlineData("Contrabassoon", 70)]
    [InlineData("Horn in F", 60)]
    [InlineData("Hörner", 60)]
    [InlineData("Corno", 60)]
    [InlineData("Trumpet in C", 56)]
    [InlineData("Trompete", 56)]
    [InlineData("Trombone", 57)]
    [InlineData("Posaune", 57)]
    [InlineData("Tuba", 58)]
    [InlineData("Timpani", 47)]
    [InlineData("Pauken", 47)]
    [InlineData("Harp", 46)]
    [InlineData("Harfe", 46)]
    [InlineData("Organ", 19)]
    [InlineData("Orgel", 19)]
    [InlineData("Harpsichord", 6)]
    [InlineData("Cembalo", 6)]
    [InlineData("Clavecin", 6)]
    [InlineData("Basso continuo", 6)]
    [InlineData("Guitar", 24)]
    [InlineData("Gitarre", 24)]
    [InlineData("Soprano", 52)]
    [InlineData("Alto", 52)]
    [InlineData("Tenor", 52)]
    [InlineData("Bass", 52)]
    [InlineData("Sopran", 52)]
    [InlineData("Choir", 52)]
    [InlineData("Voice", 53)]
    [InlineData("Singstimme", 53)]
    [InlineData("Alto Saxophone", 65)]
    [InlineData("Soprano Saxophone", 64)]
    [InlineData("Alto Flute", 73)]
    [InlineData("Bass Trombone", 57)]
    [InlineData("Strings", 48)]
    public void NamesMapToTheirGeneralMidiProgram(string name, int program) =>
        Assert.Equal(program, GeneralMidiProgram.FromName(name));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("V1")]
    [InlineData("Theremin")]
    public void UnknownNamesHaveNoProgramAndDefaultToPiano(string? name)
    {
        Assert.Null(GeneralMidiProgram.FromName(name));
        Assert.Equal(0, GeneralMidiProgram.ForInstrument(name));
    }

    [Fact]
    public void TheFirstNameThatMatchesWins() => Assert.Equal(42, GeneralMidiProgram.ForInstrument("Part 3", "Vc.", "Violin"));

    [Theory]
    [InlineData(0, GeneralMidiFamily.Piano)]
    [InlineData(40, GeneralMidiFamily.Strings)]
    [InlineData(52, GeneralMidiFamily.Ensemble)]
    [InlineData(73, GeneralMidiFamily.Pipe)]
    [InlineData(127, GeneralMidiFamily.SoundEffects)]
    public void ProgramsBelongToTheirFamilyOfEight(int program, GeneralMidiFamily family) =>
        Assert.Equal(family, GeneralMidiProgram.FamilyOf(program));
}
