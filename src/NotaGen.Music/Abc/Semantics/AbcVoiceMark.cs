using NotaGen.Music.Abc.Syntax;
using NotaGen.Music.Time;

namespace NotaGen.Music.Abc.Semantics;

/// <summary>
/// A written element of a voice that does not sound by itself, at the time the voice had reached when it was met:
/// decorations, annotations, slurs, grace notes, rests, bar lines, voltas and fields (a body field line is given as
/// an <see cref="AbcInlineField"/>). Writers that show notation (MusicXML) place these without reading the text again.
/// </summary>
/// <param name="Onset">Time in whole notes from the start of the piece: a decoration or an opening slur stands at
/// the onset of the note it marks; a closing slur or a bar line at the end of the note before it.</param>
/// <param name="Bar">Index of the voice's bar in progress, or of the next bar when none is open (so a bar line's
/// <see cref="Bar"/> is the bar that follows it).</param>
/// <param name="Element">The element as parsed.</param>
/// <param name="Pitches">For a grace group, the sounding MIDI pitch of each grace note; otherwise empty.</param>
/// <param name="Duration">For a rest, how long it lasts; otherwise zero.</param>
public sealed record AbcVoiceMark(Rational Onset, int Bar, AbcElement Element, IReadOnlyList<int> Pitches, Rational Duration);
