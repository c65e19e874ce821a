import { saveJsonFile } from './saveJsonFile';

describe('saveJsonFile', () => {
  const createObjectURL = jest.fn((_blob: Blob) => 'blob:test-data');
  const revokeObjectURL = jest.fn();

  beforeEach(() => {
    jest.useFakeTimers();
    Object.assign(URL, { createObjectURL, revokeObjectURL });
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  it('downloads the data as a named JSON file and frees the blob URL', async () => {
    const clicked: HTMLAnchorElement[] = [];
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(function recordClick(this: HTMLAnchorElement) {
        clicked.push(this);
      });

    saveJsonFile('orders-test-data.json', [{ orderId: 'a' }]);

    expect(clicked).toHaveLength(1);
    expect(clicked[0].download).toBe('orders-test-data.json');
    expect(clicked[0].href).toBe('blob:test-data');
    expect(clicked[0].isConnected).toBe(false);
    const blob = createObjectURL.mock.calls[0][0];
    expect(blob.type).toBe('application/json');
    expect(JSON.parse(await blob.text())).toEqual([{ orderId: 'a' }]);

    expect(revokeObjectURL).not.toHaveBeenCalled();
    jest.runAllTimers();
    expect(revokeObjectURL).toHaveBeenCalledWith('blob:test-data');
    click.mockRestore();
  });
});
