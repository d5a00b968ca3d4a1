#!/usr/bin/python3
"""Reads a MIDI file with mido (an independent implementation) and prints what the tests compare, as JSON."""
import json
import sys

import mido


def dump(path):
    mid = mido.MidiFile(path)
    tracks = []
    for track in mid.tracks:
        tick = 0
        sounding = {}
        notes, programs, tempos, meters, keys = [], [], [], [], []
        name = None
        for msg in track:
            tick += msg.time
            if msg.type == 'note_on' and msg.velocity > 0:
                sounding.setdefault((msg.channel, msg.note), []).append((tick, msg.velocity))
            elif msg.type in ('note_off', 'note_on'):
                started = sounding.get((msg.channel, msg.note))
                if started:
                    onset, velocity = started.pop(0)
                    notes.append([msg.channel, msg.note, onset, tick - onset, velocity])
            elif msg.type == 'program_change':
                programs.append([tick, msg.channel, msg.program])
            elif msg.type == 'set_tempo':
                tempos.append([tick, msg.tempo])
            elif msg.type == 'time_signature':
                meters.append([tick, msg.numerator, msg.denominator])
            elif msg.type == 'key_signature':
                keys.append([tick, msg.key])
            elif msg.type == 'track_name' and name is None:
                name = msg.name
        notes.sort()
        tracks.append({'name': name, 'notes': notes, 'programs': programs, 'tempos': tempos,
                       'meters': meters, 'keys': keys, 'end': tick})
    return {'type': mid.type, 'ticks_per_beat': mid.ticks_per_beat, 'length': mid.length, 'tracks': tracks}


if __name__ == '__main__':
    print(json.dumps([dump(p) for p in sys.argv[1:]]))
