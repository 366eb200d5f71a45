import Foundation
import Testing
import ConvEngine
@testable import ConvLabApp
@testable import convlab

@Suite struct DemoListingTests {
    /// `convlab demo pool --help`: the name and title, the summary, then one line per
    /// parameter from `parameterHelp`, the same declarations the demo reads its options by.
    @Test func demoHelpIsMadeFromTheParameterDeclarations() throws {
        let catalog = DemoCatalog()
        let entry = DemoListing.entry(for: PoolingScreen.self, catalog: catalog)
        #expect(entry[0] == "  pool  \(catalog.title(of: PoolingScreen.self, context: AppContext()))")
        #expect(entry[1] == "        \(PoolingScreen.summary)")
        let options = entry.dropFirst(2).map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(options.count == PoolingScreen.parameterHelp.count)
        for (line, parameter) in zip(options, PoolingScreen.parameterHelp) {
            #expect(line.hasPrefix("--\(parameter.keys) ") && line.hasSuffix(parameter.action))
        }
        #expect(options.first == "--image    sample image the map is made from: \(SampleImage.names.joined(separator: ", ")) (default digit)")
    }

    @Test func everyDemoListsEachOfItsParameters() {
        let catalog = DemoCatalog()
        for demo in catalog.demos {
            let text = DemoListing.entry(for: demo, catalog: catalog).joined(separator: "\n")
            for parameter in demo.parameterHelp {
                #expect(text.contains("--\(parameter.keys)"), "\(demo.demoName) --help lacks --\(parameter.keys)")
            }
        }
    }
}
