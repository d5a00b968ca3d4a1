namespace NotaGen.Music.Midi.Import;

/// <summary>The notes one track plays on one channel: one part of the imported score.</summary>
/// <param name="Track">1-based track number, as errors and warnings name it.</param>
/// <param name="Channel">0-based channel.</param>
/// <param name="Name">The track name, or null.</param>
/// <param name="Program">The first program change on the channel, or null.</param>
internal sealed record MidiPart(int Track, int Channel, string? Name, int? Program, IReadOnlyList<PerformedNote> Notes);
