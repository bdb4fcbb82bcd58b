import Foundation
import HubWorkflow
import Hummingbird

/// `/api/v1/test-clock`: the acceptance test clock, for administrators. The routes exist only when `hub serve`
/// runs with `HUB_TEST_CLOCK` on (the application's clock is then a ``TestClock``); otherwise they are 404 like any
/// path Hub does not serve.
struct TestClockController {
    let read: ReadTestClock
    let move: MoveTestClock

    func addRoutes(to group: RouterGroup<HubRequestContext>) {
        group.get("test-clock", use: show)
        group.put("test-clock", use: change)
    }

    @Sendable func show(request: Request, context: HubRequestContext) async throws -> Response {
        let caller = try context.caller(for: ReadTestClock.self)
        return try JSONResponse.encoding(try read(by: caller))
    }

    @Sendable func change(request: Request, context: HubRequestContext) async throws -> Response {
        let caller = try context.caller(for: MoveTestClock.self)
        let body = try await request.decode(as: TestClockRequest.self, context: context)
        let target: MoveTestClock.Move
        switch (body.now, body.advanceSeconds) {
        case let (now?, nil): target = .to(now)
        case let (nil, seconds?): target = .by(seconds)
        case (.some, .some):
            throw Problem.validation([.init(field: "advanceSeconds", message: "must not be given with now: give one of them")])
        case (nil, nil):
            throw Problem.validation([.init(field: "now", message: "is required unless advanceSeconds is given")])
        }
        return try JSONResponse.encoding(try await move(target, by: caller))
    }
}
