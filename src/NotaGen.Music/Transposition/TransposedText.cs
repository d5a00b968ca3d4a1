namespace NotaGen.Music.Transposition;

/// <summary>The result of transposing an ABC text: the new text, the interval used, and how many notes had to be respelled.</summary>
/// <param name="Respelled">
/// Notes (and chord-symbol roots or basses) that would have needed three sharps or flats and were written on a
/// neighbouring letter instead; with key changes in 6 or 7 accidentals, the only things that may not come back
/// letter for letter when transposed back.
/// </param>
public sealed record TransposedText(string Text, Interval Interval, int Respelled);
