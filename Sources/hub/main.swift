import HubServer

await HubCommand.runFromCommandLine()
