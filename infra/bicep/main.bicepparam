// An example lab: a private (Entra ID sign-in) lab on Flex Consumption with the default sizes.
using 'main.bicep'

param lab = 'example'
param location = 'westeurope'
param tags = {
  project: 'pangy'
  lab: 'example'
}
// The lab's app registration (az ad app create …, docs/deploy.md); its client id is no secret.
param queryAuthClientId = '00000000-0000-0000-0000-000000000000'
// The lab's Entra group whose members upload datasets (an object id; made up here).
param uploaderPrincipalIds = [
  '11111111-1111-1111-1111-111111111111'
]
