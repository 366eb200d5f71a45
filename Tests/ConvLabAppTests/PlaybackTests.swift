import Testing
@testable import ConvLabApp

@Suite("Playback: one rule for play, pause, speed and ticks")
struct PlaybackTests {
    @Test("ticks move one step per interval, carrying the remainder, and stop on the last step")
    func ticksStepAndStop() {
        var playback = Playback(interval: 500)
        var position = playback.playOrPause(position: 0, count: 4)
        #expect(playback.isPlaying && position == 0)
        position = playback.tick(milliseconds: 400, position: position, count: 4)
        #expect(position == 0)
        position = playback.tick(milliseconds: 200, position: position, count: 4)
        #expect(position == 1, "400 + 200 ms is one step with 100 ms left over")
        position = playback.tick(milliseconds: 400, position: position, count: 4)
        #expect(position == 2)
        position = playback.tick(milliseconds: 60_000, position: position, count: 4)
        #expect(position == 3 && !playback.isPlaying && playback.stateText == "paused")
    }

    @Test("play on the last step starts from the first; pause keeps the position")
    func playFromTheEnd() {
        var playback = Playback(interval: 100)
        #expect(playback.playOrPause(position: 3, count: 4) == 0)
        #expect(playback.isPlaying && playback.stateText == "playing")
        #expect(playback.playOrPause(position: 2, count: 4) == 2)
        #expect(!playback.isPlaying)
        #expect(playback.tick(milliseconds: 1000, position: 2, count: 4) == 2, "paused: ticks change nothing")
    }

    @Test("a walk of one step or none does not play")
    func tooShortToPlay() {
        var playback = Playback(interval: 100)
        #expect(playback.playOrPause(position: 0, count: 1) == 0)
        #expect(!playback.isPlaying)
        #expect(playback.playOrPause(position: 0, count: 0) == 0)
        #expect(!playback.isPlaying)
    }

    @Test("the speed moves between the intervals and stays at either end")
    func speeds() {
        var playback = Playback(intervals: [2000, 1000, 500], speedIndex: 1)
        playback.faster()
        playback.faster()
        #expect(playback.interval == 500)
        playback.slower()
        playback.slower()
        playback.slower()
        #expect(playback.interval == 2000)
    }

    @Test("a step reached while playing (a jump to the end) stops at the next tick, never past it")
    func jumpToTheEndWhilePlaying() {
        var playback = Playback(interval: 100)
        _ = playback.playOrPause(position: 0, count: 10)
        #expect(playback.tick(milliseconds: 300, position: 9, count: 10) == 9)
        #expect(!playback.isPlaying)
    }
}
