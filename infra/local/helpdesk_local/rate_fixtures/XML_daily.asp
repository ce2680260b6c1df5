<?xml version="1.0" encoding="windows-1251"?>
<ValCurs Date="__PUBLISHED_RU__" name="Foreign Currency Market">
<Valute ID="R01235"><NumCode>840</NumCode><CharCode>USD</CharCode><Nominal>1</Nominal><Name>Доллар США</Name><Value>92,1234</Value><VunitRate>92,1234</VunitRate></Valute>
<Valute ID="R01239"><NumCode>978</NumCode><CharCode>EUR</CharCode><Nominal>1</Nominal><Name>Евро</Name><Value>97,0800</Value><VunitRate>97,08</VunitRate></Valute>
<Valute ID="R01375"><NumCode>156</NumCode><CharCode>CNY</CharCode><Nominal>10</Nominal><Name>Yuan</Name><Value>126,5000</Value><VunitRate>12,65</VunitRate></Valute>
<Valute ID="R01035"><NumCode>826</NumCode><CharCode>GBP</CharCode><Nominal>1</Nominal><Name>Pound</Name><Value>116,4000</Value><VunitRate>116,4</VunitRate></Valute>
</ValCurs>
