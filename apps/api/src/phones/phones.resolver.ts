import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { formatMacAddress, parseMacAddress } from '../../../../libs/domain/mac-address';
import { PortalAction } from '../../../../libs/domain/permissions';
import { CurrentCaller } from '../auth/current-viewer.decorator';
import type { Caller } from '../auth/viewer';
import { SelfAudited } from '../desk/self-audited.decorator';
import { RequestModel } from '../requests/request.model';
import { RequestViewService } from '../requests/request-view.service';
import { D60PairingService } from './d60-pairing.service';
import { IpPhoneView, NumberForPhoneView, PhoneModelView, SimulatedPhoneBootView } from './phone.model';
import { PhoneQueriesService } from './phone-queries.service';
import { PhoneRegistrationService } from './phone-registration.service';
import { PhoneSimulatorService } from './phone-simulator.service';

const MAC_HELP = 'MAC address: 12 hex digits, with ":", "-", "." or nothing between them, any case.';

// Its services write the audit themselves, with the MAC or number: every request started, and the
// desk's on-behalf actions, refusals included.
@SelfAudited()
@Resolver()
export class PhonesResolver {
  constructor(
    private readonly queries: PhoneQueriesService,
    private readonly registration: PhoneRegistrationService,
    private readonly d60: D60PairingService,
    private readonly simulator: PhoneSimulatorService,
    private readonly views: RequestViewService,
  ) {}

  @Query(() => [PhoneModelView], { description: 'The catalogue of desk-phone models.' })
  async phoneModels(@CurrentCaller() _caller: Caller): Promise<PhoneModelView[]> {
    return this.queries.catalogue();
  }

  @Query(() => [IpPhoneView], { description: 'Desk phones on the numbers you own or manage.' })
  async myPhones(@CurrentCaller() caller: Caller): Promise<IpPhoneView[]> {
    return this.queries.phonesOf(caller.login);
  }

  @Query(() => [NumberForPhoneView], {
    description: 'Active numbers you own or manage that have no desk phone yet.',
  })
  async numbersForNewPhone(@CurrentCaller() caller: Caller): Promise<NumberForPhoneView[]> {
    return this.queries.numbersForNewPhone(caller.login);
  }

  @Mutation(() => RequestModel, {
    description:
      'Registers a desk phone on one of your numbers. Returns the accepted request at once; the phone is ACTIVE once it has booted.',
  })
  async registerPhone(
    @CurrentCaller() caller: Caller,
    @Args('modelId', { type: () => ID, description: 'A compatible model from phoneModels.' }) modelId: string,
    @Args('number', { description: 'One of numbersForNewPhone.' }) number: string,
    @Args('mac', { description: MAC_HELP }) mac: string,
    @Args('office', { description: 'Where the phone is, e.g. 513/R-024.' }) office: string,
  ): Promise<RequestModel> {
    const row = await this.registration.register(caller, { modelId, number, mac, office });
    return this.views.accepted(row);
  }

  @Mutation(() => RequestModel, { description: 'Unregisters a desk phone from its number.' })
  async unregisterPhone(
    @CurrentCaller() caller: Caller,
    @Args('mac', { description: MAC_HELP }) mac: string,
  ): Promise<RequestModel> {
    return this.views.accepted(await this.registration.unregister(caller, mac));
  }

  @Mutation(() => RequestModel, {
    description:
      'Pairs a D60 DECT base with an ACTIVE Polycom VVX; 1 to 5 handsets, each on a number of yours.',
  })
  async pairD60(
    @CurrentCaller() caller: Caller,
    @Args('hostMac', { description: `The host phone's ${MAC_HELP}` }) hostMac: string,
    @Args('baseMac', { description: `The D60 base's ${MAC_HELP}` }) baseMac: string,
    @Args('handsets', { type: () => [String], description: 'The number of each handset, in slot order.' })
    handsets: string[],
  ): Promise<RequestModel> {
    return this.views.accepted(await this.d60.pair(caller, { hostMac, baseMac, handsets }));
  }

  @Mutation(() => RequestModel, { description: 'Unpairs the D60 base of a desk phone.' })
  async unpairD60(
    @CurrentCaller() caller: Caller,
    @Args('hostMac', { description: `The host phone's ${MAC_HELP}` }) hostMac: string,
  ): Promise<RequestModel> {
    return this.views.accepted(await this.d60.unpair(caller, hostMac));
  }

  @Mutation(() => SimulatedPhoneBootView, {
    description:
      'Sandbox only: the phone at this MAC boots — fetches its configuration and registers its line — as a real phone would.',
  })
  async simulatePhoneBoot(
    @CurrentCaller() caller: Caller,
    @Args('mac', { description: MAC_HELP }) mac: string,
  ): Promise<SimulatedPhoneBootView> {
    this.simulator.requireSandbox();
    // The same rule as the other phone actions: its number's owner (or managers), or the service desk.
    await this.registration.requirePhone(PortalAction.BOOT_PHONE, caller, parseMacAddress(mac));
    const boot = await this.simulator.boot(mac);
    return { ...boot, mac: formatMacAddress(boot.mac, 'colon') };
  }
}
