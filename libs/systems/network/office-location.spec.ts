import { officeLocation } from './office-location';

describe('officeLocation', () => {
  it('splits building, floor and room', () => {
    expect(officeLocation('513/R-024')).toEqual({ building: '513', floor: 'R', room: '024' });
    expect(officeLocation(' 40/4-c01 ')).toEqual({ building: '40', floor: '4', room: 'C01' });
  });

  it.each([null, undefined, '', 'Room 12', '513-R-024', '513/R024'])('gives up on %p', (office) => {
    expect(officeLocation(office)).toBeNull();
  });
});
