import Lessons

extension DemoCatalog {
    /// The catalog's demos as the course checker sees them, so `convlab lessons check` judges
    /// a lesson's demo steps by the real screens: the parameter names are the first words of
    /// each demo's `parameterHelp` keys (`image NAME` → `image`), and a step's values are
    /// validated by building the screen with its own `init(parameters:context:)` and drawing
    /// it (`buildAndRender`), a thrown `DemoParameterError` becoming the problem reported at
    /// that parameter's line.
    ///
    /// Lessons cannot import this module (it is UI code), which is why the descriptions are
    /// built here and passed in rather than kept as a second list there.
    public func lessonDemos(context: AppContext = AppContext()) -> [DemoDescription] {
        demos.map { demo in Self.lessonDemo(demo, context: context) }
    }

    /// The catalog's demos as names, parameter names and goal states only, their values left
    /// unjudged: for loading a course whose demo steps are known to open, the built-in one.
    /// `lessonDemos()` builds and draws every demo step, and the start of the tutor would wait
    /// for it (the shift and dense demos draw digit sets, the network demos build networks);
    /// the built-in course is checked with `lessonDemos()` by `convlab lessons check` and by
    /// the tests (`CourseDemoStepTests`), so a build whose tests pass has no step that fails
    /// to open. Unknown demo and parameter names are still refused at load.
    public func lessonDemoNames() -> [DemoDescription] {
        demos.map { demo in
            DemoDescription(
                name: demo.demoName, summary: demo.summary, parameters: Self.parameterNames(of: demo),
                goalStates: (demo as? any DemoGoalState.Type)?.goalStateRanges ?? [:])
        }
    }

    /// The parameter names `demo` documents: the first word of each `parameterHelp` key.
    static func parameterNames(of demo: any DemoScreen.Type) -> [String] {
        demo.parameterHelp.compactMap { $0.keys.split(separator: " ").first.map(String.init) }
    }

    static func lessonDemo(_ demo: any DemoScreen.Type, context: AppContext) -> DemoDescription {
        let open = DemoOpener(catalog: DemoCatalog(demos: [demo]), name: demo.demoName, context: context)
        guard let goalDemo = demo as? any DemoGoalState.Type else {
            return DemoDescription(name: demo.demoName, summary: demo.summary, parameters: parameterNames(of: demo)) { values in
                open.problem(with: values)
            }
        }
        let judge = GoalJudge(demo: goalDemo, context: context)
        return DemoDescription(
            name: demo.demoName, summary: demo.summary, parameters: parameterNames(of: demo), goalStates: goalDemo.goalStateRanges,
            validate: { values in open.problem(with: values) },
            judgeGoal: { values, goal in judge.demo.judge(goal, parameters: values, context: judge.context) })
    }
}

/// A demo type with goal state, carried into the checker's `judgeGoal`.
private struct GoalJudge: @unchecked Sendable {
    // A metatype holds no state; `any DemoGoalState.Type` is only not declared Sendable.
    let demo: any DemoGoalState.Type
    let context: AppContext
}

/// Makes and draws a demo screen from a lesson step's values to see whether it opens; the
/// screen is dropped at once.
private struct DemoOpener: @unchecked Sendable {
    // A catalog of metatypes holds no state; `any DemoScreen.Type` is only not declared Sendable.
    let catalog: DemoCatalog
    let name: String
    let context: AppContext

    func problem(with values: [String: String]) -> DemoDescription.Problem? {
        do {
            try catalog.buildAndRender(DemoRequest(name: name, parameters: values), context: context)
            return nil
        } catch {
            guard case let .badParameter(_, refusal) = error else {
                return DemoDescription.Problem(parameter: "demo", message: error.description)
            }
            return DemoDescription.Problem(parameter: refusal.parameter, message: refusal.message)
        }
    }
}
